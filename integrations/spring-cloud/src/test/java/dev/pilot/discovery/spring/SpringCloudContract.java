package dev.pilot.discovery.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pilot.discovery.tck.CapturedLog;
import dev.pilot.discovery.tck.Timing;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;

/**
 * Two real Spring Boot applications, {@code alpha} and {@code beta}, on one real catalog: each
 * registers itself, alpha calls beta through a {@code @LoadBalanced} RestClient, and beta leaves
 * alpha's routing on maintenance, on health DOWN and when it stops. Each backend's test class
 * starts its server once and supplies the {@code pilot.discovery.<backend>} properties.
 * The tests run in order: the last one stops beta. A catalog with a server adds the outage test
 * ({@link ServerSpringCloudContract}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class SpringCloudContract {

    /** TTL of the applications (2 s) plus the contract's grace, stretched for a busy machine. */
    private static final Duration TTL_EXPIRY = Duration.ofSeconds(2).plus(Timing.TTL_GRACE).plus(Timing.PROMPTLY);

    /**
     * A call through the load balancer while routing is expected to work: two HTTP hops, which on
     * a busy machine can take longer than the contract's second. Whether the catalog's change
     * arrived in time is checked on the discovery client, with {@link Timing#PROMPTLY}.
     */
    static final Duration ROUTED = Timing.stretch(Duration.ofSeconds(5));

    RunningApp alpha;
    RunningApp beta;
    /** What beta logged while it started. */
    String betaStartLog;

    /** Starts the catalog server; called once before the applications start. */
    protected abstract void startServer();

    /** Stops the catalog server; called once after the applications stopped. */
    protected abstract void stopServer();

    /** The properties that point an application at the server. */
    protected abstract Map<String, String> backendProperties();

    @BeforeAll
    void startApplications() {
        startServer();
        alpha = RunningApp.start("alpha", backendProperties());
        try (CapturedLog output = CapturedLog.stdout()) {
            beta = RunningApp.start("beta", backendProperties());
            betaStartLog = output.text();
        }
    }

    @AfterAll
    void stopApplications() {
        try {
            if (beta != null) {
                beta.close();
            }
            if (alpha != null) {
                alpha.close();
            }
        } finally {
            stopServer();
        }
    }

    @Test
    @Order(1)
    void eachApplicationRegistersItselfAndCallsTheOtherThroughTheLoadBalancer() {
        String betaId = beta.registration().getInstanceId();
        String alphaId = alpha.registration().getInstanceId();
        assertThat(betaId).isEqualTo("beta-127.0.0.1-" + beta.port);
        assertThat(betaStartLog.lines().filter(line -> line.contains(" INFO ") && line.contains("PilotServiceRegistry")))
                .as("one INFO line with name, id, address, port and where the address came from")
                .singleElement().asString().endsWith("Registered beta as " + betaId + " at 127.0.0.1:" + beta.port
                        + " in " + alpha.context.getBean(dev.pilot.discovery.ServiceBackend.class).name()
                        + "; address from pilot.discovery.service.address");

        await().atMost(Timing.PROMPTLY).untilAsserted(() -> assertThat(alpha.discoveredIds("beta")).containsExactly(betaId));
        ServiceInstance seen = alpha.context.getBean(DiscoveryClient.class).getInstances("beta").get(0);
        assertThat(seen.getHost()).isEqualTo("127.0.0.1");
        assertThat(seen.getPort()).isEqualTo(beta.port);
        assertThat(seen.getMetadata()).containsEntry("app", "beta");
        assertThat(seen).isInstanceOfSatisfying(PilotServiceInstance.class,
                instance -> assertThat(instance.getTags()).containsExactly("spring", "test"));

        assertThat(alpha.context.getBeansOfType(ReactiveDiscoveryClient.class).values())
                .filteredOn(PilotReactiveDiscoveryClient.class::isInstance).singleElement()
                .satisfies(reactive -> assertThat(reactive.getInstances("beta").map(ServiceInstance::getInstanceId)
                        .collectList().block(Duration.ofSeconds(5))).containsExactly(betaId));
        assertThat(alpha.context.getBean(DiscoveryClient.class).getServices()).contains("alpha", "beta");

        await().atMost(ROUTED).untilAsserted(() -> assertThat(alpha.call("beta").body()).isEqualTo(betaId));
        await().atMost(ROUTED).untilAsserted(() -> assertThat(beta.call("alpha").body()).isEqualTo(alphaId));
    }

    @Test
    @Order(2)
    void theServiceRegistryEndpointPutsTheInstanceInMaintenanceAndBack() {
        String betaId = beta.registration().getInstanceId();
        await().atMost(ROUTED).untilAsserted(() -> assertThat(alpha.call("beta").body()).isEqualTo(betaId));

        assertThat(beta.postJson("/actuator/serviceregistry", "{\"status\":\"OUT_OF_SERVICE\"}").statusCode()).isBetween(200, 299);
        assertThat(beta.get("/actuator/serviceregistry").body()).contains("OUT_OF_SERVICE");
        await().atMost(Timing.PROMPTLY).untilAsserted(() -> assertThat(alpha.discoveredIds("beta")).isEmpty());
        // the load balancer hears of the set just after discovery does: a call a moment earlier still reaches beta
        await().atMost(Timing.PROMPTLY).untilAsserted(() -> assertThat(alpha.call("beta").statusCode()).isGreaterThanOrEqualTo(500));

        assertThat(beta.postJson("/actuator/serviceregistry", "{\"status\":\"UP\"}").statusCode()).isBetween(200, 299);
        assertThat(beta.get("/actuator/serviceregistry").body()).contains("UP");
        await().atMost(ROUTED).untilAsserted(() -> assertThat(alpha.call("beta").body()).isEqualTo(betaId));

        MeterRegistry alphaMeters = alpha.context.getBean(MeterRegistry.class);
        assertThat(alphaMeters.get("pilot.discovery.deliveries").tag("service", "beta").counter().count())
                .as("beta left and came back: two deliveries at least").isGreaterThanOrEqualTo(2);
        assertThat(beta.context.getBean(MeterRegistry.class).get("pilot.discovery.heartbeats")
                .tag("result", "success").counter().count()).isPositive();
    }

    @Test
    @Order(3)
    void healthDownStopsHeartbeatsSoTheInstanceLeavesRoutingUntilHealthIsUpAgain() {
        String betaId = beta.registration().getInstanceId();
        await().atMost(ROUTED).untilAsserted(() -> assertThat(alpha.call("beta").body()).isEqualTo(betaId));

        beta.health().up.set(false);
        await().atMost(TTL_EXPIRY).untilAsserted(() -> assertThat(alpha.discoveredIds("beta")).isEmpty());
        await().atMost(Timing.PROMPTLY).untilAsserted(() -> assertThat(alpha.call("beta").statusCode()).isGreaterThanOrEqualTo(500));
        assertThat(beta.get("/actuator/health").body()).contains("heartbeatsPaused");

        beta.health().up.set(true);
        await().atMost(TTL_EXPIRY).untilAsserted(() -> assertThat(alpha.call("beta").body()).isEqualTo(betaId));
    }

    /**
     * Fails when the web server stops taking requests before the instance has left the callers'
     * routing (deregistration on bean destruction, after Spring's graceful shutdown): the calls
     * routed to the stopping instance in between fail.
     */
    @Test
    @Order(5)
    void aGracefulShutdownOfOneOfTwoInstancesLosesNoCall() {
        String betaId = beta.registration().getInstanceId();
        RunningApp second = RunningApp.start("beta", backendProperties());
        String secondId = second.registration().getInstanceId();
        try {
            await().atMost(ROUTED).untilAsserted(() -> assertThat(alpha.discoveredIds("beta"))
                    .containsExactlyInAnyOrder(betaId, secondId));
            try (CallStream stream = CallStream.start(alpha, "beta")) {
                await().atMost(ROUTED).until(() -> stream.outcomes().stream().map(CallStream.Outcome::body)
                        .collect(Collectors.toSet()).containsAll(Set.of(betaId, secondId)));

                long closeStarted = System.nanoTime();
                second.close();
                long closeEnded = System.nanoTime();
                int atClose = stream.count();
                await().atMost(ROUTED).until(() -> stream.count() >= atClose + 20 || stream.exhausted());
                stream.close();

                List<CallStream.Outcome> outcomes = stream.outcomes();
                assertThat(CallStream.failures(outcomes)).as("failed calls among %d", outcomes.size()).isEmpty();
                assertThat(outcomes).as("calls sent while the instance shut down")
                        .anyMatch(call -> call.startedNanos() > closeStarted && call.endedNanos() < closeEnded);
                assertThat(outcomes).filteredOn(call -> call.startedNanos() > closeEnded)
                        .as("calls after the shutdown").hasSizeGreaterThanOrEqualTo(20)
                        .allMatch(call -> betaId.equals(call.body()));
            }
        } finally {
            second.close();
        }
    }

    @Test
    @Order(6)
    void stoppingAnApplicationDeregistersItFromTheOthersRouting() {
        String betaId = beta.registration().getInstanceId();
        await().atMost(ROUTED).untilAsserted(() -> assertThat(alpha.call("beta").body()).isEqualTo(betaId));

        beta.close();
        beta = null;

        await().atMost(Timing.PROMPTLY).untilAsserted(() -> assertThat(alpha.discoveredIds("beta")).isEmpty());
        HttpResponse<String> refused = alpha.call("beta");
        assertThat(refused.statusCode()).isGreaterThanOrEqualTo(500);
        assertThat(alpha.get("/actuator/health/pilotDiscovery").body()).contains("\"status\":\"UP\"");
    }
}
