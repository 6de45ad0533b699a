package dev.pilot.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pilot.agent.config.net.HostAddress;
import dev.pilot.agent.config.net.Interfaces;
import dev.pilot.discovery.ConfigException;
import dev.pilot.discovery.consul.ConsulConfig;
import dev.pilot.discovery.etcd.EtcdConfig;
import dev.pilot.discovery.local.LocalConfig;
import dev.pilot.discovery.zookeeper.ZooKeeperConfig;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Arbitrary;

/**
 * Generated configurations, valid ones mutated and arbitrary ones: the agent's parser and each
 * backend's config hook either accept them or throw one {@link ConfigException} on one line;
 * nothing else escapes and no case takes 5 s (a case that never ends is ended by the surefire
 * fork's own timeout). The number of cases is jqwik's default here
 * ({@code jqwik.tries.default}, a few thousand in the test command); the reliability suite runs
 * the same properties with a million.
 */
class ConfigFuzzTest {

    private static final Duration NEVER_HANG = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<HostAddress> ADDRESSES = List.of(new HostAddress("eth0", InetAddress.ofLiteral("10.0.0.5")),
            new HostAddress("lo", InetAddress.ofLiteral("127.0.0.1")));
    private static final ConfigParser PARSER = new ConfigParser(Set.of("local", "consul", "etcd", "zookeeper"), "host1",
            new Interfaces(() -> ADDRESSES.stream().sorted(HostAddress.ORDER).toList()));
    private static final Map<String, Function<Object, ?>> BACKEND_HOOKS = Map.of(
            "consul", raw -> ConsulConfig.from(raw, Map.of()),
            "etcd", EtcdConfig::from,
            "zookeeper", ZooKeeperConfig::from,
            "local", LocalConfig::from);

    @Property
    void aMutatedAgentConfigIsAcceptedOrOneConfigError(@ForAll("agentConfigs") Object config) throws JsonProcessingException {
        String text = JSON.writeValueAsString(config);
        onlyConfigErrors(() -> PARSER.parse(ConfigLoader.parseJson(text)));
    }

    @Property
    void brokenJsonTextIsOneConfigError(@ForAll("brokenTexts") String text) {
        onlyConfigErrors(() -> PARSER.parse(ConfigLoader.parseJson(ConfigLoader.render(new ConfigSource.Inline(text), Map.of()))));
    }

    @Property
    void anyBackendValueIsAcceptedOrOneConfigError(@ForAll("backendNames") String backend, @ForAll("backendValues") Object raw) {
        onlyConfigErrors(() -> BACKEND_HOOKS.get(backend).apply(raw));
    }

    /** A case runs on the test's thread (a thread per case would make the million-case run ten times slower). */
    private static void onlyConfigErrors(Runnable parse) {
        long started = System.nanoTime();
        try {
            parse.run();
        } catch (ConfigException e) {
            assertThat(e.getMessage()).doesNotContain("\n").hasSizeLessThan(1_000);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("time for one case").isLessThan(NEVER_HANG);
    }

    @Provide
    Arbitrary<Object> agentConfigs() {
        return ConfigTrees.agentConfigs();
    }

    @Provide
    Arbitrary<String> brokenTexts() {
        return ConfigTrees.brokenTexts();
    }

    @Provide
    Arbitrary<String> backendNames() {
        return net.jqwik.api.Arbitraries.of(BACKEND_HOOKS.keySet());
    }

    @Provide
    Arbitrary<Object> backendValues() {
        return ConfigTrees.backendValues();
    }
}
