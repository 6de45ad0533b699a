package dev.pilot.bench.spring;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.pilot.testservers.ConsulServer;
import dev.pilot.testservers.EtcdServer;
import dev.pilot.testservers.ZooKeeperServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Registration → first routed request, and deregistration → last routed request, through Spring
 * Cloud LoadBalancer in one Spring application: Pilot's integration on each backend, and Spring
 * Cloud Consul and Spring Cloud Zookeeper with their defaults, against the same servers in the
 * same run. Writes {@code bench/results/spring-routing.json} and the {@code bench-spring:routing}
 * section of {@code BENCHMARKS.md}.
 *
 * <p>Usage: {@code RoutingBench [--rounds N] [--anchor-rounds N] [--only name,name] [--no-report]}
 * (run by {@code scripts/bench spring}).
 */
public final class RoutingBench {

    static final String SERVICE = "target";
    static final Duration CAP = Duration.ofSeconds(45);

    private RoutingBench() {}

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).strip();
        Instant started = Instant.now();
        List<RoundResult> results = new ArrayList<>();
        Path local = Files.createTempDirectory("pilot-bench-spring");
        try (ConsulServer consul = ConsulServer.launch();
             EtcdServer etcd = EtcdServer.launch();
             ZooKeeperServer zookeeper = ZooKeeperServer.launch()) {
            Map<String, Supplier<Subject>> subjects = subjects(local, consul, etcd, zookeeper);
            for (Map.Entry<String, Supplier<Subject>> entry : subjects.entrySet()) {
                if (!options.only().isEmpty() && !options.only().contains(entry.getKey())) {
                    continue;
                }
                Subject subject = entry.getValue().get();
                int rounds = subject.anchor() ? options.anchorRounds() : options.rounds();
                System.out.printf("%s: %d rounds%n", entry.getKey(), rounds);
                results.add(new RoutingRound(subject, rounds, CAP).run());
            }
        }
        String loadAfter = Files.readString(Path.of("/proc/loadavg")).strip();
        RoutingReport report = new RoutingReport(results, started, loadBefore, loadAfter, options.command());
        System.out.println(report.markdown());
        if (options.writeResults()) {
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("started", started.toString());
            document.put("command", options.command());
            document.put("loadavgBefore", loadBefore);
            document.put("loadavgAfter", loadAfter);
            document.put("rounds", results);
            Path out = Path.of("bench/results/spring-routing.json");
            Files.createDirectories(out.getParent());
            json.writeValue(out.toFile(), document);
            report.writeInto(Path.of("BENCHMARKS.md"));
        }
    }

    /** What one round measures: a client configuration and the registrar its catalog is written with. */
    record Subject(String name, String integration, String backend, boolean anchor, Map<String, String> clientProperties,
                   Supplier<Registrar> registrar) {}

    private static Map<String, Supplier<Subject>> subjects(Path local, ConsulServer consul, EtcdServer etcd,
                                                           ZooKeeperServer zookeeper) {
        Map<String, Supplier<Subject>> subjects = new LinkedHashMap<>();
        subjects.put("pilot-local", () -> new Subject("pilot-local", "Pilot", "local", false,
                Map.of("pilot.discovery.local", local.toString()),
                () -> new PilotRegistrar("local", local.toString())));
        subjects.put("pilot-consul", () -> new Subject("pilot-consul", "Pilot", "consul", false,
                Map.of("pilot.discovery.consul", consul.address()),
                () -> new PilotRegistrar("consul", consul.address())));
        subjects.put("pilot-etcd", () -> new Subject("pilot-etcd", "Pilot", "etcd", false,
                Map.of("pilot.discovery.etcd.endpoints", etcd.uri().toString()),
                () -> new PilotRegistrar("etcd", Map.of("endpoints", etcd.uri().toString()))));
        subjects.put("pilot-zookeeper", () -> new Subject("pilot-zookeeper", "Pilot", "zookeeper", false,
                Map.of("pilot.discovery.zookeeper", zookeeper.address()),
                () -> new PilotRegistrar("zookeeper", zookeeper.address())));
        subjects.put("spring-cloud-consul", () -> new Subject("spring-cloud-consul",
                "spring-cloud-starter-consul-discovery", "consul", true,
                Map.of("pilot.discovery.enabled", "false",
                        "spring.cloud.consul.enabled", "true",
                        "spring.cloud.consul.host", "127.0.0.1",
                        "spring.cloud.consul.port", Integer.toString(consul.httpPort()),
                        "spring.cloud.consul.discovery.register", "false"),
                () -> new PilotRegistrar("consul", consul.address())));
        subjects.put("spring-cloud-zookeeper", () -> new Subject("spring-cloud-zookeeper",
                "spring-cloud-starter-zookeeper-discovery", "zookeeper", true,
                Map.of("pilot.discovery.enabled", "false",
                        "spring.cloud.zookeeper.enabled", "true",
                        "spring.cloud.zookeeper.connect-string", zookeeper.address(),
                        "spring.cloud.zookeeper.discovery.register", "false"),
                () -> new CuratorRegistrar(zookeeper.address())));
        return subjects;
    }

    record Options(int rounds, int anchorRounds, List<String> only, boolean writeResults, String command) {

        static Options parse(String[] args) {
            int rounds = 20;
            int anchorRounds = 3;
            List<String> only = List.of();
            boolean write = true;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                    case "--anchor-rounds" -> anchorRounds = Integer.parseInt(args[++i]);
                    case "--only" -> only = List.of(args[++i].split(","));
                    case "--no-report" -> write = false;
                    default -> throw new IllegalArgumentException("unknown argument '" + args[i]
                            + "'; expected --rounds N, --anchor-rounds N, --only a,b or --no-report");
                }
            }
            return new Options(rounds, anchorRounds, only, write, "scripts/bench spring" + (args.length == 0 ? "" : " " + String.join(" ", args)));
        }
    }

}
