package dev.pilot.discovery.tck;

import static dev.pilot.discovery.tck.Timing.PROMPTLY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.discovery.Watch;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Contract point 9 for backends whose catalog holds raw documents (etcd, ZooKeeper, local): an
 * entry holding malformed JSON is skipped, and never breaks a read or a watch. A conformance
 * subclass implements this interface and writes the bad entry with a raw client.
 */
public interface MalformedEntriesContract {

    /** Writes an entry for service {@code name} with id {@code id} holding {@code body}, bypassing Pilot. */
    void writeRawEntry(String name, String id, String body) throws Exception;

    /** The client under test. */
    ServiceBackend client();

    @Test
    default void aMalformedEntryIsSkippedAndNeverBreaksAWatch() throws Exception {
        String name = "bad-data-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        ServiceDefinition good = new ServiceDefinition(name + "-1", name, 8080, Duration.ofSeconds(30), List.of(), "127.0.0.1");
        RecordingListener listener = new RecordingListener();
        try (Watch ignored = client().watch(name, "", listener)) {
            writeRawEntry(name, name + "-broken", "{\"id\": \"half a document");
            writeRawEntry(name, name + "-wrong", "[1, 2, 3]");
            client().sendHeartbeat(good);

            await().atMost(PROMPTLY).until(() -> listener.lastIds().equals(List.of(good.id())));
            assertThat(client().instances(name, "")).containsExactly(good.toInstance());

            ServiceDefinition later = new ServiceDefinition(name + "-2", name, 8081, Duration.ofSeconds(30), List.of(), "127.0.0.1");
            client().sendHeartbeat(later);
            await().atMost(PROMPTLY).until(() -> listener.lastIds().equals(List.of(good.id(), later.id())));
        }
    }
}
