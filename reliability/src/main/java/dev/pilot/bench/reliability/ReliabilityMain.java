package dev.pilot.bench.reliability;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.pilot.bench.Machine;
import dev.pilot.bench.agent.AgentArtifact;
import dev.pilot.bench.catalog.Catalogs;
import dev.pilot.bench.report.MeasuredCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The reliability suite: injects faults into every backend's catalog, runs the soak, reads the
 * long fuzz run's report, searches every log for credentials, and writes {@code RELIABILITY.md}.
 * Each part stores its figures under {@code bench/results/reliability/}, so a part run alone
 * ({@code --parts soak}) redraws the report with the others' last figures.
 */
@Command(name = "reliability", mixinStandardHelpOptions = true,
        description = "Fault injection, soak, fuzzing and secret checks; figures into RELIABILITY.md.")
public final class ReliabilityMain implements Callable<Integer> {

    /** The backends, as the benchmarks know them. */
    static final List<String> BACKENDS = Catalogs.ALL;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Option(names = "--parts", split = ",", description = "faults, payloads, leader, soak, fuzz, secrets (default: all).")
    List<String> parts = List.of("faults", "payloads", "leader", "soak", "fuzz", "secrets");

    @Option(names = "--payload-cases", description = "Fuzzed catalog documents per backend (default: ${DEFAULT-VALUE}).")
    long payloadCases = 20_000;

    @Option(names = "--leader-services", description = "Services (and watches) under leader loss (default: ${DEFAULT-VALUE}).")
    int leaderServices = 200;

    @Option(names = "--leader-backends", split = ",", description = "Clusters to kill leaders of (default: ${DEFAULT-VALUE}).")
    List<String> leaderBackends = List.of("consul", "etcd", "zookeeper");

    @Option(names = "--leader-seconds", description = "How long leaders are killed, every 10 s (default: ${DEFAULT-VALUE}).")
    int leaderSeconds = 120;

    @Option(names = "--backends", split = ",", description = "Backends for the faults (default: all).")
    List<String> backends = BACKENDS;

    @Option(names = "--services", description = "Services heartbeating (and watches) per fault (default: ${DEFAULT-VALUE}).")
    int services = 20;

    @Option(names = "--lost-after-seconds", description = "How long after recovery lost registrations are counted "
            + "(default: ${DEFAULT-VALUE}).")
    long lostAfterSeconds = FaultRun.LOST_AFTER.toSeconds();

    @Option(names = "--soak-minutes", description = "Length of the soak (default: ${DEFAULT-VALUE}).")
    int soakMinutes = 30;

    @Option(names = "--soak-services", description = "Services in the soak (default: ${DEFAULT-VALUE}).")
    int soakServices = 50;

    @Option(names = "--fuzz-report", description = "The long fuzz run's surefire XML report.")
    Path fuzzReport = Path.of("agent/target/surefire-reports/TEST-dev.pilot.agent.config.ConfigFuzzTest.xml");

    @Option(names = "--fuzz-tries", description = "Cases per test in the long fuzz run (default: ${DEFAULT-VALUE}).")
    long fuzzTries = 1_000_000;

    @Option(names = "--logs", split = ",", description = "More logs or folders of logs to search for credentials, "
            + "e.g. the captured console output of the test command.")
    List<Path> logs = List.of();

    @Option(names = "--results", description = "Folder of the figures (default: ${DEFAULT-VALUE}).")
    Path results = Path.of("bench/results/reliability");

    @Option(names = "--report", description = "The report to write (default: ${DEFAULT-VALUE}).")
    Path report = Path.of("RELIABILITY.md");

    public static void main(String[] args) {
        System.exit(new CommandLine(new ReliabilityMain()).execute(args));
    }

    private boolean soakFailed;

    @Option(names = "--report-only", description = "Only redraw the report from the stored figures.")
    boolean reportOnly;

    @Override
    public Integer call() throws IOException {
        if (reportOnly) {
            new ReliabilityReport(results, JSON).write(report);
            return 0;
        }
        Files.createDirectories(results);
        double load = Machine.currentLoadAverage();
        Optional<String> commit = new MeasuredCode(Path.of("")).head(); // at the start: the code this run measures
        if (parts.contains("faults")) {
            save("faults", merged("faults", faults(), new TypeReference<List<FaultFigures>>() {},
                    f -> f.backend() + "/" + f.scenario()));
        }
        if (parts.contains("payloads")) {
            List<PayloadFuzz.Result> payloads = new ArrayList<>();
            for (String backend : backends) {
                try (FaultTarget target = target(backend)) {
                    payloads.add(PayloadFuzz.run(target, payloadCases, 20261127L));
                    System.out.println("[reliability] " + payloads.getLast());
                }
            }
            save("payloads", merged("payloads", payloads, new TypeReference<List<PayloadFuzz.Result>>() {},
                    PayloadFuzz.Result::backend));
        }
        if (parts.contains("leader")) {
            Duration every = Duration.ofSeconds(10);
            Duration length = Duration.ofSeconds(leaderSeconds);
            List<LeaderLoss.Result> leader = new ArrayList<>();
            for (String backend : leaderBackends) {
                leader.add(attempt(() -> switch (backend) {
                    case "consul" -> LeaderLoss.consul(leaderServices, every, length);
                    case "etcd" -> LeaderLoss.etcd(leaderServices, every, length);
                    case "zookeeper" -> LeaderLoss.zookeeper(leaderServices, every, length);
                    default -> throw new IllegalArgumentException("--leader-backends: expected consul, etcd, zookeeper");
                }, backend));
                System.out.println("[reliability] " + leader.getLast());
            }
            save("leader", merged("leader", leader, new TypeReference<List<LeaderLoss.Result>>() {},
                    LeaderLoss.Result::backend));
        }
        if (parts.contains("soak")) {
            Path jar = AgentArtifact.find().orElseThrow(() -> new IllegalStateException(AgentArtifact.NOT_AVAILABLE));
            Soak.Result soak = Soak.run(jar, soakServices, Duration.ofMinutes(soakMinutes), Duration.ofMinutes(5),
                    Duration.ofSeconds(lostAfterSeconds), results);
            Soak.plot(soak, results);
            save("soak", soak);
            if (soak.failed()) {
                System.err.println("[reliability] the soak failed: the agent " + soak.agentExited());
                soakFailed = true;
            }
        }
        if (parts.contains("fuzz")) {
            save("fuzz", FuzzReport.read(fuzzReport, fuzzTries));
        }
        if (parts.contains("secrets")) {
            List<Path> roots = new ArrayList<>(List.of(Path.of("."), results));
            roots.addAll(logs);
            save("secrets", SecretScan.scan(Path.of("."), roots));
        }
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("at", Instant.now().toString());
        run.put("machine", Machine.current(Map.of(), load));
        run.put("loadAverageAtEnd", Machine.currentLoadAverage());
        commit.ifPresent(c -> run.put("commit", c));
        save("run-" + runName(), run);
        new ReliabilityReport(results, JSON).write(report);
        SecretScan.Result secrets = load("secrets", SecretScan.Result.class);
        return soakFailed || secrets != null && !secrets.hits().isEmpty() ? 1 : 0;
    }

    /**
     * The parts run, and the backends when only some ran ({@code faults-zookeeper}): a partial run
     * keeps the record of the run that measured the other backends' figures.
     */
    private String runName() {
        boolean perBackend = parts.contains("faults") || parts.contains("payloads");
        return String.join("-", parts) + (perBackend && !backends.equals(BACKENDS) ? "-" + String.join("-", backends) : "");
    }

    private List<FaultFigures> faults() {
        List<FaultFigures> figures = new ArrayList<>();
        for (String backend : backends) {
            try (FaultTarget target = target(backend)) {
                for (FaultScenario scenario : FaultScenario.values()) {
                    String prefix = "rel" + scenario.ordinal();
                    FaultFigures result = attempt(() -> FaultRun.run(target, scenario, services, prefix,
                            Duration.ofSeconds(lostAfterSeconds)), backend, scenario);
                    System.out.println("[reliability] " + result);
                    figures.add(result);
                }
            }
        }
        return figures;
    }

    private static FaultFigures attempt(Supplier<FaultFigures> run, String backend, FaultScenario scenario) {
        try {
            return run.get();
        } catch (RuntimeException e) {
            return FaultFigures.notInjected(backend, scenario, "the run failed: " + e.getMessage());
        }
    }

    private static LeaderLoss.Result attempt(Supplier<LeaderLoss.Result> run, String backend) {
        try {
            return run.get();
        } catch (RuntimeException e) {
            return new LeaderLoss.Result(backend, 0, 0, 0, 0, 0, 0, 0, 0, 0, "the run failed: " + e.getMessage());
        }
    }

    static FaultTarget target(String backend) {
        return switch (backend) {
            case "consul" -> ServerTarget.consul();
            case "etcd" -> ServerTarget.etcd();
            case "zookeeper" -> ServerTarget.zookeeper();
            case "local" -> new LocalTarget();
            default -> throw new IllegalArgumentException("backend: expected one of " + BACKENDS + ", got " + backend);
        };
    }

    private void save(String name, Object value) {
        try {
            JSON.writeValue(results.resolve(name + ".json").toFile(), value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code fresh} with the figures of an earlier run that this one did not repeat (other backends),
     * so a run of some backends keeps the others' figures.
     */
    private <T> List<T> merged(String name, List<T> fresh, TypeReference<List<T>> type, Function<T, String> key) {
        Path file = results.resolve(name + ".json");
        Map<String, T> all = new LinkedHashMap<>();
        try {
            if (Files.exists(file)) {
                for (T old : JSON.readValue(file.toFile(), type)) {
                    all.put(key.apply(old), old);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        fresh.forEach(value -> all.put(key.apply(value), value));
        return new ArrayList<>(all.values());
    }

    private <T> T load(String name, Class<T> type) {
        Path file = results.resolve(name + ".json");
        try {
            return Files.exists(file) ? JSON.readValue(file.toFile(), type) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
