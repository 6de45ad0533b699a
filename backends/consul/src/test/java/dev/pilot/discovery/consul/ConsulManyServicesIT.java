package dev.pilot.discovery.consul;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.discovery.spi.Threads;
import dev.pilot.discovery.tck.servers.ServerExtension;
import dev.pilot.testservers.ConsulServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One backend heartbeating more services at the same instant than Consul lets one client address
 * hold connections ({@code limits.http_max_conns_per_client}, 200 by default, which the test server
 * keeps), as an agent with many services does when their polls line up: every heartbeat must
 * succeed. With a connection per request in flight, Consul closes the surplus and those heartbeats
 * fail. Not timed: it counts failures.
 */
class ConsulManyServicesIT {

    private static final int SERVICES = 300;

    @RegisterExtension
    static final ServerExtension<ConsulServer> CONSUL = ServerExtension.of(ConsulServer::launch);

    @Test
    void threeHundredServicesHeartbeatingAtOnceAllSucceed() throws Exception {
        List<ServiceDefinition> services = new ArrayList<>();
        for (int i = 0; i < SERVICES; i++) {
            services.add(new ServiceDefinition("many-" + i, "many-" + i, 8080, Duration.ofSeconds(30), List.of(), "127.0.0.1"));
        }
        try (ServiceBackend backend = ConsulBackendProvider.connect(ConsulConfig.from(CONSUL.server().address(), Map.of()))) {
            for (int round = 0; round < 3; round++) { // the first registers, the next ones pass the TTL checks
                List<String> failures = heartbeatAllAtOnce(backend, services);
                assertThat(failures).as("heartbeats that failed in round %d", round).isEmpty();
            }
            assertThat(backend.instances("many-" + (SERVICES - 1), "")).hasSize(1);
        }
    }

    private static List<String> heartbeatAllAtOnce(ServiceBackend backend, List<ServiceDefinition> services)
            throws InterruptedException {
        List<Future<?>> sent = new ArrayList<>();
        ExecutorService threads = Threads.perTaskExecutor("pilot-test-threads-");
        try {
            for (ServiceDefinition service : services) {
                sent.add(threads.submit(() -> backend.sendHeartbeat(service)));
            }
        } finally {
            Threads.close(threads);
        }
        List<String> failures = new ArrayList<>();
        for (Future<?> future : sent) {
            try {
                future.get();
            } catch (java.util.concurrent.ExecutionException e) {
                failures.add(String.valueOf(e.getCause().getMessage()));
            }
        }
        return failures;
    }
}
