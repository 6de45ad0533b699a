package dev.pilot.discovery.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pilot.discovery.BackendProperties;
import dev.pilot.discovery.ServiceBackend;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.NestedExceptionUtils;

/**
 * Start-up with a wrong {@code pilot.discovery} configuration fails with one line naming the
 * Spring property; a right one starts. No server is needed: creating a backend makes no request,
 * and without a web server nothing registers.
 */
class ConfigurationFailureTest {

    /** The local catalog of the applications these tests start (those that fail start none); removed after them. */
    @TempDir
    static Path catalog;

    @Test
    void aValueTheBackendRejectsFailsStartUpNamingTheSpringProperty() {
        PilotConfigurationException failure = startFailure("pilot.discovery.consul.address=localhost");

        assertThat(failure.property()).isEqualTo("pilot.discovery.consul.address");
        assertThat(failure.getMessage()).startsWith("pilot.discovery.consul.address: ").contains("got \"localhost\"");
    }

    @Test
    void anUnknownKeyInTheBackendBlockFailsStartUpNamingIt() {
        PilotConfigurationException failure = startFailure("pilot.discovery.consul.address=127.0.0.1:8500",
                "pilot.discovery.consul.colour=red");

        assertThat(failure.getMessage()).isEqualTo("pilot.discovery.consul.colour: unknown key; expected one of "
                + "[address, scheme, token, datacenter, tls, deregister-critical-service-after, enable-tag-override, timeout, watch-wait]");
    }

    @Test
    void aMistypedBackendFailsStartUpWithTheNearestBackend() {
        assertThat(startFailure("pilot.discovery.locl=/tmp/pilot-never-used").getMessage())
                .isEqualTo("pilot.discovery.locl: unknown backend; did you mean local?");
        assertThat(startFailure("pilot.discovery.zookeper.address=127.0.0.1:2181").getMessage())
                .isEqualTo("pilot.discovery.zookeper: unknown backend; did you mean zookeeper?");
    }

    @Test
    void aMistypedKeyFailsStartUpInTheUsersSpellingWithTheNearestKey() {
        assertThat(startFailure("pilot.discovery.local=" + catalog, "pilot.discovery.service.tll=3s").getMessage())
                .isEqualTo("pilot.discovery.service.tll: unknown key; did you mean ttl?");
        assertThat(startFailure("pilot.discovery.local=" + catalog, "pilot.discovery.service.shutdownDelai=2s")
                .getMessage()).isEqualTo("pilot.discovery.service.shutdownDelai: unknown key; did you mean shutdown-delay?");
        assertThat(startFailure("pilot.discovery.local=" + catalog, "pilot.discovery.enable=false").getMessage())
                .isEqualTo("pilot.discovery.enable: unknown key; did you mean enabled?");
        assertThat(startFailure("pilot.discovery.local=" + catalog, "pilot.discovery.colour=red").getMessage())
                .isEqualTo("pilot.discovery.colour: unknown key; expected one of [enabled, service, watch] or a backend "
                        + "[consul, etcd, local, zookeeper]");
        assertThat(startFailure("pilot.discovery.local=" + catalog, "pilot.discovery.service.ttl.seconds=3")
                .getMessage()).isEqualTo("pilot.discovery.service.ttl.seconds: unknown key; pilot.discovery.service.ttl takes a value, not keys");
    }

    @Test
    void aMistypedKeyInABackendBlockFailsStartUpInKebabCaseWithTheNearestKey() {
        assertThat(startFailure("pilot.discovery.consul.address=127.0.0.1:8500", "pilot.discovery.consul.watch-wiat=7s")
                .getMessage()).isEqualTo("pilot.discovery.consul.watch-wiat: unknown key; did you mean watch-wait?");
        assertThat(startFailure("pilot.discovery.consul.address=127.0.0.1:8500", "pilot.discovery.consul.tls.ca-fil=/ca.pem")
                .getMessage()).isEqualTo("pilot.discovery.consul.tls.ca-fil: unknown key; did you mean ca-file?");
        assertThat(startFailure("pilot.discovery.local.directory=" + catalog, "pilot.discovery.local.rescan-interval=x")
                .getMessage()).startsWith("pilot.discovery.local.rescan-interval: ");
    }

    @Test
    void aBackendGivenBothAsAValueAndAsKeysFailsStartUp() {
        assertThat(startFailure("pilot.discovery.local=/tmp/pilot-a", "pilot.discovery.local.directory=/tmp/pilot-b").getMessage())
                .isEqualTo("pilot.discovery.local: given both as a value and as keys (pilot.discovery.local.*);"
                        + " expected one of the two forms");
    }

    @Test
    void validKeysInEveryFormStartTheApplication() {
        try (ConfigurableApplicationContext context = start("pilot.discovery.local.directory=" + catalog,
                "pilot.discovery.service.tags[0]=a", "pilot.discovery.service.tags[1]=b", "pilot.discovery.watch=x,y",
                "pilot.discovery.service.metadata.zone=eu", "pilot.discovery.service.shutdownDelay=0s",
                "pilot.discovery.service.TTL=3s", "pilot.discovery.enabled=true")) {
            PilotDiscoveryProperties properties = context.getBean(PilotDiscoveryProperties.class);
            assertThat(properties.service().ttl()).hasSeconds(3);
            assertThat(properties.service().tags()).containsExactly("a", "b");
            assertThat(properties.service().shutdownDelay()).isZero();
        }
    }

    @Test
    void aStartUpFailureIsReportedAsOneLineWithoutAStackTrace() {
        java.io.PrintStream original = System.out;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            assertThatThrownBy(() -> new SpringApplicationBuilder(TestApplication.class)
                    .web(WebApplicationType.NONE)
                    .properties("spring.application.name=config-test", "spring.cloud.consul.enabled=false",
                            "spring.main.banner-mode=off", "pilot.discovery.locl=/tmp/pilot-never-used")
                    .run().close());
        } finally {
            System.setOut(original);
        }
        String output = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains(System.lineSeparator() + "pilot.discovery.locl: unknown backend; did you mean local?" + System.lineSeparator())
                .doesNotContain("\tat ");
    }

    @Test
    void noBackendFailsStartUpListingTheChoices() {
        PilotConfigurationException failure = startFailure();

        assertThat(failure.getMessage()).isEqualTo("pilot.discovery: expected exactly one backend among "
                + "[pilot.discovery.consul, pilot.discovery.etcd, pilot.discovery.local, pilot.discovery.zookeeper], got none");
    }

    @Test
    void twoBackendsFailStartUpNamingBoth() {
        PilotConfigurationException failure = startFailure("pilot.discovery.consul=127.0.0.1:8500",
                "pilot.discovery.local=" + catalog);

        assertThat(failure.getMessage()).endsWith("got [pilot.discovery.consul, pilot.discovery.local]");
    }

    @Test
    void aTtlThatIsNotWholeSecondsFailsStartUpNamingTheProperty() {
        PilotConfigurationException failure = startFailure("pilot.discovery.local=" + catalog,
                "pilot.discovery.service.ttl=1500ms");

        assertThat(failure.getMessage()).isEqualTo("pilot.discovery.service.ttl: expected a positive whole number of seconds, got PT1.5S");
    }

    @Test
    void theFailureAnalyzerReportsTheMessageAndTheProperty() {
        PilotConfigurationException failure = new PilotConfigurationException("pilot.discovery.etcd.endpoints", "expected an endpoint");

        FailureAnalysis analysis = new PilotConfigurationFailureAnalyzer().analyze(new IllegalStateException(failure));

        assertThat(analysis.getDescription()).isEqualTo("pilot.discovery.etcd.endpoints: expected an endpoint");
        assertThat(analysis.getAction()).contains("pilot.discovery.etcd.endpoints");
        assertThat(analysis.getCause()).isNull();
    }

    @Test
    void kebabCaseKeysReachTheBackendInCamelCaseAndTheLoadBalancerCacheIsOffByDefault() {
        try (ConfigurableApplicationContext context = start("pilot.discovery.consul.address=127.0.0.1:8500",
                "pilot.discovery.consul.watch-wait=7s")) {
            assertThat(context.getBean(ServiceBackend.class).name()).isEqualTo("consul");
            assertThat(context.getEnvironment().getProperty("spring.cloud.loadbalancer.cache.enabled")).isEqualTo("false");
        }
        assertThat(BackendProperties.block(Map.of("watch-wait", "7s", "tls", Map.of("ca-file", "x"))))
                .isEqualTo(Map.of("watchWait", "7s", "tls", Map.of("caFile", "x")));
    }

    @Test
    void springCloudsDiscoverySwitchesTurnPilotsDiscoveryClientsOffButNotItsRegistry() {
        try (ConfigurableApplicationContext context = start("pilot.discovery.local=" + catalog,
                "spring.cloud.discovery.enabled=false")) {
            assertThat(context.getBeansOfType(PilotDiscoveryClient.class)).isEmpty();
            assertThat(context.getBeansOfType(PilotReactiveDiscoveryClient.class)).isEmpty();
            assertThat(context.getBeansOfType(PilotServiceRegistry.class)).hasSize(1);
        }
        try (ConfigurableApplicationContext context = start("pilot.discovery.local=" + catalog,
                "spring.cloud.discovery.reactive.enabled=false")) {
            assertThat(context.getBeansOfType(PilotDiscoveryClient.class)).hasSize(1);
            assertThat(context.getBeansOfType(PilotReactiveDiscoveryClient.class)).isEmpty();
        }
    }

    @Test
    void indexedPropertiesReachTheBackendAsAList() {
        assertThat(BackendSelection.from(environment("pilot.discovery.etcd.endpoints[0]=http://127.0.0.1:2379",
                "pilot.discovery.etcd.endpoints[1]=http://127.0.0.2:2379"), dev.pilot.discovery.Backends.fromClassPath()).raw())
                .isEqualTo(Map.of("endpoints", List.of("http://127.0.0.1:2379", "http://127.0.0.2:2379")));
    }

    @Test
    void theLoadBalancerCacheStaysAsConfiguredWhenTheApplicationSetsIt() {
        try (ConfigurableApplicationContext context = start("pilot.discovery.local=" + catalog,
                "spring.cloud.loadbalancer.cache.enabled=true")) {
            assertThat(context.getEnvironment().getProperty("spring.cloud.loadbalancer.cache.enabled")).isEqualTo("true");
        }
    }

    private static org.springframework.core.env.Environment environment(String... properties) {
        var environment = new org.springframework.core.env.StandardEnvironment();
        Map<String, Object> values = new java.util.LinkedHashMap<>();
        for (String property : properties) {
            values.put(property.substring(0, property.indexOf('=')), property.substring(property.indexOf('=') + 1));
        }
        environment.getPropertySources().addFirst(new org.springframework.core.env.MapPropertySource("test", values));
        return environment;
    }

    private static PilotConfigurationException startFailure(String... properties) {
        Throwable[] thrown = new Throwable[1];
        assertThatThrownBy(() -> start(properties).close()).satisfies(e -> thrown[0] = e);
        Throwable root = NestedExceptionUtils.getMostSpecificCause(thrown[0]);
        assertThat(root).isInstanceOf(PilotConfigurationException.class);
        return (PilotConfigurationException) root;
    }

    private static ConfigurableApplicationContext start(String... properties) {
        List<String> all = new java.util.ArrayList<>(List.of("spring.application.name=config-test",
                "spring.cloud.consul.enabled=false", "spring.main.banner-mode=off", "logging.level.root=off"));
        all.addAll(List.of(properties));
        return new SpringApplicationBuilder(TestApplication.class)
                .web(WebApplicationType.NONE)
                .properties(all.toArray(String[]::new))
                .run();
    }
}
