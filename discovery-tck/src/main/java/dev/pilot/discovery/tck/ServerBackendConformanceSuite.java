package dev.pilot.discovery.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.discovery.Watch;
import dev.pilot.testservers.SilentServer;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The contract for a backend that talks to a catalog server over TCP: the whole
 * {@link BackendConformanceSuite}, plus what only a server can do to a client — accept its
 * connection and never answer. A backend whose catalog is not a server (local: a directory)
 * subclasses {@link BackendConformanceSuite} itself, so no test of its suite is skipped.
 */
public abstract class ServerBackendConformanceSuite extends BackendConformanceSuite {

    @Nested
    class SilentServers {

        /**
         * A server that accepts and never answers: every operation still ends within the
         * configured timeout plus a second, while it hangs and after it goes away, and
         * {@code close()} returns promptly, also while calls hang.
         */
        @Test
        void everyOperationEndsWithinTheTimeoutAndCloseIsPrompt() {
            Duration limit = requestTimeout().plusSeconds(1);
            ServiceDefinition web = service(uniqueName("silent"), 8080);
            try (SilentServer silent = SilentServer.launch()) {
                ServiceBackend hanging = connect(silent);
                ServiceBackend closedWhileHanging = connect(silent);
                try {
                    assertThat(hanging.capabilities()).as("capabilities need no server").isEqualTo(expectedCapabilities());
                    Watch watch = hanging.watch(web.name(), "", healthy -> {});
                    BoundedOperations cutShort = BoundedOperations.start(closedWhileHanging, web);
                    BackendConformanceSuite.assertEndsPromptly("close() while calls hang on a silent server", closedWhileHanging::close);

                    assertThat(BoundedOperations.problems(hanging, web, limit, false))
                            .as("operations on %s, a server that never answers", silent).isEmpty();
                    assertThat(cutShort.problems(limit, true)).as("calls in flight when close() ran").isEmpty();
                    assertThat(silent.acceptedConnections()).as("connections the silent server accepted").isPositive();

                    silent.stop();
                    assertThat(BoundedOperations.problems(hanging, web, limit, false))
                            .as("operations after the silent server went away").isEmpty();
                    watch.cancel();
                    BackendConformanceSuite.assertEndsPromptly("close() after the silent server went away", hanging::close);
                } finally {
                    BackendConformanceSuite.closeQuietly(hanging);
                    BackendConformanceSuite.closeQuietly(closedWhileHanging);
                }
            }
        }
    }
}
