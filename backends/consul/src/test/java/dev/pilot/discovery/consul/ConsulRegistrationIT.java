package dev.pilot.discovery.consul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.discovery.tck.Timing;
import dev.pilot.testservers.ConsulServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the backend writes, as Consul itself reports it: ContainerPilot 2.7's registration
 * shape, Consul's maintenance mode, and self-healing registrations.
 */
class ConsulRegistrationIT {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static ConsulServer consul;
    private static RawAgent agent;
    private ServiceBackend backend;

    @BeforeAll
    static void startConsul() {
        consul = ConsulServer.launch();
        agent = new RawAgent(consul.address());
    }

    @AfterAll
    static void stopConsul() {
        if (agent != null) {
            agent.close();
        }
        if (consul != null) {
            consul.close();
        }
    }

    @AfterEach
    void closeBackend() {
        if (backend != null) {
            backend.close();
        }
    }

    private ServiceBackend connect(ConsulConfig config) {
        backend = ConsulBackendProvider.connect(config);
        return backend;
    }

    private static ConsulConfig config() {
        return ConsulConfig.from(consul.address(), Map.of());
    }

    private static ServiceDefinition service(String base, String... tags) {
        String name = base + "-" + SEQUENCE.incrementAndGet();
        return new ServiceDefinition(name + "-host1", name, 8080, Duration.ofSeconds(10), List.of(tags), "127.0.0.1");
    }

    private static List<String> passingIds(String name) {
        return agent.get("/v1/health/service/" + name + "?passing").findValues("Service").stream()
                .map(service -> service.path("ID").asText()).toList();
    }

    @Test
    void theServiceAndItsTtlCheckHaveContainerPilotsShape() {
        ServiceDefinition web = service("web", "blue", "v2");

        connect(config()).sendHeartbeat(web);

        JsonNode service = agent.get("/v1/agent/services").path(web.id());
        assertThat(service.path("ID").asText()).isEqualTo(web.id());
        assertThat(service.path("Service").asText()).isEqualTo(web.name());
        assertThat(service.path("Tags")).extracting(JsonNode::asText).containsExactly("blue", "v2");
        assertThat(service.path("Port").asInt()).isEqualTo(8080);
        assertThat(service.path("Address").asText()).isEqualTo("127.0.0.1");
        assertThat(service.path("EnableTagOverride").asBoolean(true)).isFalse();

        JsonNode checks = agent.get("/v1/agent/checks");
        assertThat(checks.findValues("ServiceID")).extracting(JsonNode::asText).containsOnlyOnce(web.id());
        JsonNode check = checks.path(web.id());
        assertThat(check.path("CheckID").asText()).isEqualTo(web.id());
        assertThat(check.path("Name").asText()).isEqualTo(web.id());
        assertThat(check.path("ServiceID").asText()).isEqualTo(web.id());
        assertThat(check.path("ServiceName").asText()).isEqualTo(web.name());
        assertThat(check.path("Type").asText()).isEqualTo("ttl");
        assertThat(check.path("Notes").asText()).isEqualTo("TTL for " + web.name() + " set by containerpilot");
        assertThat(check.path("Status").asText()).isEqualTo("passing");
        assertThat(check.path("Output").asText()).isEqualTo("ok");
    }

    @Test
    void consulOnlyOptionsReachTheRegistration() {
        ServiceDefinition web = new ServiceDefinition("meta-1", "meta-" + SEQUENCE.incrementAndGet(), 8080,
                Duration.ofSeconds(10), List.of(), "127.0.0.1", Map.of("version", "2.1"));
        ConsulConfig config = ConsulConfig.from(Map.of("address", consul.address(), "enableTagOverride", true,
                "deregisterCriticalServiceAfter", "90s"), Map.of());

        connect(config).sendHeartbeat(web);

        JsonNode service = agent.get("/v1/agent/services").path(web.id());
        assertThat(service.path("EnableTagOverride").asBoolean()).isTrue();
        assertThat(service.path("Meta").path("version").asText()).isEqualTo("2.1");
        assertThat(passingIds(web.name())).containsExactly(web.id());
    }

    @Test
    void eachServiceGetsItsOwnConsulOptions() throws Exception {
        String name = "own-" + SEQUENCE.incrementAndGet();
        ServiceDefinition quick = new ServiceDefinition(name + "-quick", name, 8080, Duration.ofSeconds(10), List.of(),
                "127.0.0.1").withOptions("consul", Map.of("deregisterCriticalServiceAfter", "2m"));
        ServiceDefinition slow = new ServiceDefinition(name + "-slow", name, 8081, Duration.ofSeconds(10), List.of(),
                "127.0.0.1").withOptions("consul", Map.of("deregisterCriticalServiceAfter", "7m", "enableTagOverride", true));
        ServiceDefinition plain = new ServiceDefinition(name + "-plain", name, 8082, Duration.ofSeconds(10), List.of(),
                "127.0.0.1").withOptions("etcd", Map.of("ignored", "by consul"));
        List<String> registrations;
        try (CountingProxy proxy = new CountingProxy(consul.address())) {
            ServiceBackend consulBackend = connect(ConsulConfig.from(proxy.address(), Map.of()));
            consulBackend.sendHeartbeat(quick);
            consulBackend.sendHeartbeat(slow);
            consulBackend.sendHeartbeat(plain);
            registrations = proxy.requests().stream().filter(request -> request.startsWith("PUT /v1/agent/service/register")).toList();
        }

        // Consul 1.8's API does not report a check's DeregisterCriticalServiceAfter: read what it was sent.
        assertThat(registrations).hasSize(3);
        assertThat(registrations.get(0)).contains(quick.id(), "\"DeregisterCriticalServiceAfter\":\"120s\"");
        assertThat(registrations.get(1)).contains(slow.id(), "\"DeregisterCriticalServiceAfter\":\"420s\"");
        assertThat(registrations.get(2)).contains(plain.id()).doesNotContain("DeregisterCriticalServiceAfter");
        JsonNode services = agent.get("/v1/agent/services");
        assertThat(services.path(quick.id()).path("EnableTagOverride").asBoolean()).isFalse();
        assertThat(services.path(slow.id()).path("EnableTagOverride").asBoolean()).isTrue();
        assertThat(services.path(plain.id()).path("EnableTagOverride").asBoolean()).isFalse();
        assertThat(passingIds(name)).containsExactlyInAnyOrder(quick.id(), slow.id(), plain.id());
    }

    @Test
    void maintenanceUsesConsulsMaintenanceModeAndKeepsTheRegistration() {
        ServiceDefinition web = service("web");
        ServiceBackend consulBackend = connect(config());
        consulBackend.sendHeartbeat(web);

        consulBackend.markForMaintenance(web);

        assertThat(agent.get("/v1/agent/services").has(web.id())).isTrue();
        JsonNode maintenance = agent.get("/v1/agent/checks").path("_service_maintenance:" + web.id());
        assertThat(maintenance.path("Status").asText()).isEqualTo("critical");
        assertThat(passingIds(web.name())).isEmpty();

        consulBackend.sendHeartbeat(web);

        assertThat(agent.get("/v1/agent/checks").has("_service_maintenance:" + web.id())).isFalse();
        assertThat(passingIds(web.name())).containsExactly(web.id());
    }

    @Test
    void maintenanceLeftByAnotherProcessEndsWithTheFirstHeartbeat() {
        ServiceDefinition web = service("web");
        try (ServiceBackend previous = ConsulBackendProvider.connect(config())) {
            previous.sendHeartbeat(web);
            previous.markForMaintenance(web);
        }
        assertThat(passingIds(web.name())).isEmpty();

        connect(config()).sendHeartbeat(web);

        assertThat(passingIds(web.name())).containsExactly(web.id());
    }

    @Test
    void aServiceRemovedBehindTheBackendsBackIsRegisteredByTheNextHeartbeat() {
        ServiceDefinition web = service("web");
        ServiceBackend consulBackend = connect(config());
        consulBackend.sendHeartbeat(web);
        agent.deregister(web.id());
        assertThat(passingIds(web.name())).isEmpty();

        consulBackend.sendHeartbeat(web);

        assertThat(passingIds(web.name())).containsExactly(web.id());
        assertThat(agent.get("/v1/agent/checks").path(web.id()).path("Notes").asText())
                .isEqualTo("TTL for " + web.name() + " set by containerpilot");
    }

    @Test
    void aRegisteredServicesHeartbeatIsOneRequest() throws Exception {
        ServiceDefinition web = service("web");
        try (CountingProxy proxy = new CountingProxy(consul.address())) {
            ServiceBackend consulBackend = connect(ConsulConfig.from(proxy.address(), Map.of()));
            consulBackend.sendHeartbeat(web);
            assertThat(proxy.requestLines()).as("registration: register, end any maintenance, pass").hasSize(3);
            proxy.reset();

            for (int i = 0; i < 5; i++) {
                consulBackend.sendHeartbeat(web);
            }

            assertThat(proxy.requestLines()).hasSize(5)
                    .allSatisfy(line -> assertThat(line).startsWith("PUT /v1/agent/check/pass/" + web.id()));
        }
    }

    @Test
    void whenHeartbeatsStopTheCheckTurnsCriticalAndTheRegistrationStays() {
        ServiceDefinition web = new ServiceDefinition("ttl-1", "ttl-" + SEQUENCE.incrementAndGet(), 8080,
                Duration.ofSeconds(1), List.of(), "127.0.0.1");
        connect(config()).sendHeartbeat(web);
        assertThat(passingIds(web.name())).containsExactly(web.id());

        await().atMost(web.ttl().plus(Timing.TTL_GRACE)).until(() -> passingIds(web.name()).isEmpty());

        assertThat(agent.get("/v1/agent/checks").path(web.id()).path("Status").asText()).isEqualTo("critical");
        assertThat(agent.get("/v1/agent/services").has(web.id())).isTrue();
    }
}
