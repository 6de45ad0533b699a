package dev.pilot.examples.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pilot.discovery.Backends;
import dev.pilot.discovery.ServiceBackend;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example's two servers and its client's channel, in one JVM, on a temporary catalog. */
class GrpcExampleTest {

    @Test
    void theClientGreetsBothServersThroughTheSystemPropertyBackend(@TempDir Path directory) throws Exception {
        System.setProperty("pilot.discovery.local", directory.toString());
        try (ServiceBackend serversBackend = Backends.fromClassPath().create("local", directory.toString())) {
            GrpcExample.Running one = GrpcExample.Running.start("greeter-1", serversBackend);
            GrpcExample.Running two = GrpcExample.Running.start("greeter-2", serversBackend);
            ManagedChannel channel = ManagedChannelBuilder.forTarget("pilot:///" + GrpcExample.SERVICE)
                    .defaultLoadBalancingPolicy("round_robin").usePlaintext().build();
            try {
                // a call may time out while the channel still connects on a loaded machine: that is not
                // a routing fault, so such calls are retried; what must hold within the limit is that
                // both servers answer
                await().atMost(Duration.ofSeconds(30)).ignoreExceptionsInstanceOf(StatusRuntimeException.class)
                        .untilAsserted(() -> {
                            Set<String> answers = new HashSet<>();
                            for (int i = 0; i < 4; i++) {
                                answers.add(Greeter.hello(channel, "test"));
                            }
                            assertThat(answers)
                                    .containsExactlyInAnyOrder("hello test from greeter-1", "hello test from greeter-2");
                        });
            } finally {
                channel.shutdownNow();
                one.registration().shutdown(Duration.ZERO);
                two.registration().shutdown(Duration.ZERO);
            }
        } finally {
            System.clearProperty("pilot.discovery.local");
        }
    }
}
