package dev.pilot.discovery.consul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.pilot.discovery.DiscoveryException;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.discovery.Watch;
import dev.pilot.discovery.tck.RecordingListener;
import dev.pilot.discovery.tck.Timing;
import dev.pilot.testservers.ConsulOptions;
import dev.pilot.testservers.ConsulServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Consul agent with ACLs enabled and a default-deny policy. Consul refuses writes without a
 * good token (403) but answers reads with an empty result, so refusal is tested on writes.
 */
class ConsulAclIT {

    private static final String MASTER_TOKEN = UUID.randomUUID().toString();
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private static ConsulServer consul;
    private static RawAgent admin;
    private static String readOnlyToken;
    private final List<ServiceBackend> backends = new ArrayList<>();

    @BeforeAll
    static void startConsulWithAcls() {
        consul = ConsulServer.launch(ConsulOptions.defaults().withExtraConfig("""
                acl {
                  enabled = true
                  default_policy = "deny"
                  down_policy = "extend-cache"
                  tokens { master = "%s"  agent = "%s" }
                }
                """.formatted(MASTER_TOKEN, MASTER_TOKEN)));
        admin = new RawAgent(consul.address(), MASTER_TOKEN);
        String policy = admin.put("/v1/acl/policy", """
                {"Name": "read-everything", "Rules": "service_prefix \\"\\" { policy = \\"read\\" } node_prefix \\"\\" { policy = \\"read\\" }"}
                """);
        String policyId = policy.replaceAll("(?s).*\"ID\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        String token = admin.put("/v1/acl/token", "{\"Policies\": [{\"ID\": \"" + policyId + "\"}]}");
        readOnlyToken = token.replaceAll("(?s).*\"SecretID\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    }

    @AfterAll
    static void stopConsul() {
        if (admin != null) {
            admin.close();
        }
        if (consul != null) {
            consul.close();
        }
    }

    @AfterEach
    void closeBackends() {
        backends.forEach(ServiceBackend::close);
    }

    private ServiceBackend connect(String token) {
        ConsulBackend backend = new ConsulBackend(ConsulConfig.from(consul.address(), Map.of())
                .withToken(token).withTimeout(Timing.REQUEST_TIMEOUT));
        backends.add(backend);
        return backend;
    }

    private static ServiceDefinition service() {
        String name = "guarded-" + SEQUENCE.incrementAndGet();
        return new ServiceDefinition(name + "-1", name, 8080, Duration.ofSeconds(30), List.of("blue"), "127.0.0.1");
    }

    @Test
    void withTheRightTokenEverythingWorks() {
        ServiceBackend backend = connect(MASTER_TOKEN);
        ServiceDefinition web = service();
        RecordingListener listener = new RecordingListener();
        try (Watch ignored = backend.watch(web.name(), "blue", listener)) {
            backend.sendHeartbeat(web);

            await().atMost(Timing.PROMPTLY).until(() -> listener.lastIds().equals(List.of(web.id())));
            assertThat(backend.instances(web.name(), "")).containsExactly(web.toInstance());

            backend.markForMaintenance(web);
            await().atMost(Timing.PROMPTLY).until(() -> backend.instances(web.name(), "").isEmpty());
            backend.sendHeartbeat(web);
            backend.deregister(web);
            await().atMost(Timing.PROMPTLY).until(() -> listener.last().isEmpty());
        }
    }

    @Test
    void withoutATokenAWriteIsRefusedNamingTheMissingPermission() {
        ServiceDefinition web = service();

        assertThatThrownBy(() -> connect(null).sendHeartbeat(web))
                .isInstanceOf(DiscoveryException.class)
                .hasMessageContaining("consul at " + consul.address())
                .hasMessageContaining("registering service " + web.id() + " was refused (403")
                .hasMessageContaining("it needs service:write on \"" + web.name() + "\"")
                .hasMessageContaining("no ACL token is configured (set consul.token or CONSUL_HTTP_TOKEN)");
    }

    @Test
    void withoutATokenReadsAreEmptyRatherThanRefused() {
        ServiceDefinition web = service();
        connect(MASTER_TOKEN).sendHeartbeat(web);

        assertThat(connect(null).instances(web.name(), "")).isEmpty();
        assertThat(connect(readOnlyToken).instances(web.name(), "")).containsExactly(web.toInstance());
    }

    @Test
    void aTokenWithoutWriteRightsIsRefusedNamingTheMissingPermission() {
        ServiceDefinition web = service();

        assertThatThrownBy(() -> connect(readOnlyToken).sendHeartbeat(web))
                .isInstanceOf(DiscoveryException.class)
                .hasMessageContaining("it needs service:write on \"" + web.name() + "\"; the configured ACL token lacks it")
                .hasMessageNotContaining(readOnlyToken);
    }

    @Test
    void anUnknownTokenIsRefusedAndNeverPrinted() {
        String wrong = UUID.randomUUID().toString();
        ServiceDefinition web = service();
        connect(MASTER_TOKEN).sendHeartbeat(web);
        ServiceBackend backend = connect(wrong);

        String logged = capturingStandardError(() -> {
            assertThatThrownBy(() -> backend.sendHeartbeat(web))
                    .isInstanceOf(DiscoveryException.class)
                    .hasMessageContaining("the agent does not know the configured ACL token")
                    .hasMessageNotContaining(wrong);
            assertThatThrownBy(() -> backend.markForMaintenance(web)).hasMessageNotContaining(wrong);
            assertThatThrownBy(() -> backend.deregister(web)).hasMessageNotContaining(wrong);
            assertThatThrownBy(() -> backend.instances(web.name(), ""))
                    .hasMessageContaining("reading the healthy instances of " + web.name() + " was refused (403")
                    .hasMessageNotContaining(wrong);
            RecordingListener listener = new RecordingListener();
            try (Watch ignored = backend.watch(web.name(), "", listener)) {
                await().atMost(Timing.PROMPTLY).until(() -> outputSoFar().contains("the watch of " + web.name()));
            }
            assertThat(listener.count()).as("a refused read is not an empty set").isZero();
            assertThat(backend.toString()).doesNotContain(wrong);
        });

        assertThat(logged).contains("403").doesNotContain(wrong).doesNotContain(MASTER_TOKEN);
    }

    private static ByteArrayOutputStream captured;

    private static String outputSoFar() {
        return captured.toString(StandardCharsets.UTF_8);
    }

    /** Runs {@code body} with standard error (where the test's SLF4J binding logs) captured. */
    private static String capturingStandardError(Runnable body) {
        PrintStream original = System.err;
        captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setErr(original);
        }
        String output = outputSoFar();
        original.print(output);
        return output;
    }
}
