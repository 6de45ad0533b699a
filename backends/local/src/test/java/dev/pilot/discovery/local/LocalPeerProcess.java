package dev.pilot.discovery.local;

import dev.pilot.discovery.Instance;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A second process on the same catalog, for {@link LocalSharedDirectoryIT}: registers one
 * instance, heartbeats it, and prints each set its watch delivers as {@code saw id,id}.
 * Arguments: directory, service name, instance id, port. Ends by itself after a minute.
 */
public final class LocalPeerProcess {

    public static void main(String[] args) throws InterruptedException {
        ServiceDefinition self = new ServiceDefinition(args[2], args[1], Integer.parseInt(args[3]),
                Duration.ofSeconds(2), List.of(), "127.0.0.1");
        try (ServiceBackend backend = LocalBackendProvider.connect(new LocalConfig(Path.of(args[0])))) {
            backend.watch(args[1], "", healthy -> {
                System.out.println("saw " + String.join(",", healthy.stream().map(Instance::id).toList()));
                System.out.flush();
            });
            for (int i = 0; i < 120; i++) {
                backend.sendHeartbeat(self);
                TimeUnit.MILLISECONDS.sleep(500);
            }
        }
    }
}
