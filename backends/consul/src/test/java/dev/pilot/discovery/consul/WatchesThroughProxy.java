package dev.pilot.discovery.consul;

import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.discovery.tck.servers.ServerExtension;
import dev.pilot.testservers.ConsulServer;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The fixture of the tests that count what watches ask of the agent: one agent per test class; per
 * test, a publisher that registers straight with it and a {@link CountingProxy} in front of it,
 * through which the backend under test watches. Everything is closed after each test.
 */
abstract class WatchesThroughProxy {

    @RegisterExtension
    static final ServerExtension<ConsulServer> CONSUL = ServerExtension.of(ConsulServer::launch);

    static final String HEALTH = "/v1/health/service/";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    CountingProxy proxy;
    ServiceBackend publisher;
    private ServiceBackend watcher;

    /** The backend under test on {@code config}, which reaches the agent through the proxy. */
    abstract ServiceBackend connect(ConsulConfig config);

    @BeforeEach
    void startProxy() throws IOException {
        proxy = new CountingProxy(CONSUL.server().address());
        publisher = ConsulBackendProvider.connect(ConsulConfig.from(CONSUL.server().address(), Map.of()));
    }

    @AfterEach
    void stopProxy() throws IOException {
        if (watcher != null) {
            watcher.close();
        }
        publisher.close();
        proxy.close();
    }

    /** The backend under test, watching through the proxy with blocking queries of {@code wait}; closed after the test. */
    ServiceBackend watcherThroughProxy(Duration wait) {
        watcher = connect(ConsulConfig.from(proxy.address(), Map.of()).withWatchWait(wait));
        return watcher;
    }

    /** A service of its own name, one instance. */
    static ServiceDefinition service() {
        String name = "watched-" + SEQUENCE.incrementAndGet();
        return new ServiceDefinition(name + "-1", name, 5432, Duration.ofSeconds(30), List.of("primary"), "127.0.0.1");
    }

    /** How many times the health of service {@code name} was read through the proxy. */
    long healthReads(String name) {
        return proxy.count("GET", HEALTH + name + "?");
    }
}
