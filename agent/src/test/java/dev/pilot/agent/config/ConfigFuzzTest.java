package dev.pilot.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

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
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Generated configurations, valid ones mutated and arbitrary ones: the agent's parser and each
 * backend's config hook either accept them or throw one {@link ConfigException} on one line;
 * nothing else escapes and no case takes 5 s: a {@link CaseWatchdog} fails the test as soon as a
 * case has run that long, while it runs (and the surefire fork's timeout ends a JVM that a case
 * left stuck).
 *
 * <p>Cases come from a seeded generator: case {@code i} draws from its own
 * {@code SplittableRandom} seeded from ({@code pilot.fuzz.seed}, {@code i}), so a failure, which
 * names both, replays alone with {@code -Dpilot.fuzz.seed=S -Dpilot.fuzz.case=i}. The test command
 * runs {@value #DEFAULT_CASES} cases a test; the reliability suite runs the same tests with
 * {@code -Dpilot.fuzz.cases=1000000}.
 */
class ConfigFuzzTest {

    static final int DEFAULT_CASES = 3_000;
    private static final long SEED = Long.getLong("pilot.fuzz.seed", 20261127L);
    private static final long CASES = Long.getLong("pilot.fuzz.cases", DEFAULT_CASES);
    /** One case only, to replay a failure; -1 for all of them. */
    private static final long ONLY_CASE = Long.getLong("pilot.fuzz.case", -1);
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
    private static final Gen<String> BACKEND_NAMES = Gen.of(List.copyOf(new TreeSet<>(BACKEND_HOOKS.keySet())));

    @Test
    void aMutatedAgentConfigIsAcceptedOrOneConfigError() {
        forEachCase(ConfigTrees.agentConfigs(), config -> {
            String text = JSON.writeValueAsString(config);
            onlyConfigErrors(() -> PARSER.parse(ConfigLoader.parseJson(text)));
        });
    }

    @Test
    void brokenJsonTextIsOneConfigError() {
        forEachCase(ConfigTrees.brokenTexts(), text -> onlyConfigErrors(
                () -> PARSER.parse(ConfigLoader.parseJson(ConfigLoader.render(new ConfigSource.Inline(text), Map.of())))));
    }

    @Test
    void anyBackendValueIsAcceptedOrOneConfigError() {
        Gen<Object> values = ConfigTrees.backendValues();
        forEachCase(random -> new BackendCase(BACKEND_NAMES.draw(random), values.draw(random)),
                c -> onlyConfigErrors(() -> BACKEND_HOOKS.get(c.backend()).apply(c.raw())));
    }

    /** A backend's name and the value given to its config hook ({@code raw} may be null). */
    private record BackendCase(String backend, Object raw) {}

    /** One case's check; may throw what the code under test throws. */
    private interface Check<T> {
        void accept(T input) throws JsonProcessingException;
    }

    /**
     * Runs the check on every case; the first failure names the seed and the case to replay it.
     * The cases run on one worker thread that a {@link CaseWatchdog} holds to {@link #NEVER_HANG}
     * per case while the case runs: a hang fails the test at once, naming the case.
     */
    private static <T> void forEachCase(Gen<T> gen, Check<T> check) {
        long first = ONLY_CASE >= 0 ? ONLY_CASE : 0;
        long end = ONLY_CASE >= 0 ? ONLY_CASE + 1 : CASES;
        AtomicLong ran = new AtomicLong();
        new CaseWatchdog(NEVER_HANG).run(watchdog -> {
            for (long i = first; i < end; i++) {
                T input = gen.draw(caseRandom(i));
                watchdog.starting(i, input);
                try {
                    check.accept(input);
                    ran.incrementAndGet();
                } catch (Throwable e) {
                    fail(replay(i, input) + ": " + e, e);
                }
            }
        }, ConfigFuzzTest::replay);
        // what ran, for the reliability report to check against what was asked (-Dpilot.fuzz.cases)
        System.out.println("[fuzz] " + ran.get() + " cases ran, seed " + SEED);
    }

    private static String replay(long i, Object input) {
        return "case %d of seed %d failed (replay: -Dpilot.fuzz.seed=%d -Dpilot.fuzz.case=%d) on input %s"
                .formatted(i, SEED, SEED, i, shortened(input));
    }

    /** Case {@code i}'s own random source: the same for a seed and an index whatever ran before. */
    private static SplittableRandom caseRandom(long i) {
        return new SplittableRandom(new SplittableRandom(SEED ^ (i * 0x9E3779B97F4A7C15L)).nextLong());
    }

    /** The input on one line, control characters escaped, at most 500 chars of it. */
    private static String shortened(Object input) {
        String s = String.valueOf(input);
        StringBuilder out = new StringBuilder();
        s.substring(0, Math.min(s.length(), 500)).chars().forEach(c -> out.append(c < 0x20 || c == 0x7f
                ? "\\u%04x".formatted(c) : String.valueOf((char) c)));
        return s.length() <= 500 ? out.toString() : out + "… (" + s.length() + " chars)";
    }

    /** Accepted, or one {@link ConfigException} on one line; the time limit is the watchdog's. */
    private static void onlyConfigErrors(Runnable parse) {
        try {
            parse.run();
        } catch (ConfigException e) {
            assertThat(e.getMessage()).doesNotContain("\n").hasSizeLessThan(1_000);
        }
    }
}
