package dev.pilot.bench.spring;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.pilot.bench.report.MeasuredCode;
import dev.pilot.bench.routing.RoutingOptions;
import dev.pilot.testservers.ConsulServer;
import dev.pilot.testservers.EtcdServer;
import dev.pilot.testservers.ZooKeeperServer;
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
 * Cloud Consul and Spring Cloud Zookeeper at their defaults and tuned for freshness (the load
 * balancer's cache off, or a 1 s TTL), against the same servers in the same run; for each, the
 * requests per second the client sent its catalog ({@link CatalogRequests}). Writes {@code bench/results/spring-routing.json} and the {@code bench-spring:routing}
 * section of {@code BENCHMARKS.md}.
 *
 * <p>Usage: {@code RoutingBench [--rounds N] [--anchor-rounds N] [--only name,name] [--no-report]}, or
 * {@code RoutingBench --report-only} to redraw the section from the stored result (run by
 * {@code scripts/bench spring}). Spring Cloud's anchors at their defaults get {@code --anchor-rounds}
 * (each takes up to the 35 s cache twice); every other subject {@code --rounds}.
 */
public final class RoutingBench {

    static final String SERVICE = "target";
    static final Duration CAP = Duration.ofSeconds(45);
    static final Path RESULT = Path.of("bench/results/spring-routing.json");

    private RoutingBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("--report-only")) {
            RoutingReport.Stored stored = new ObjectMapper().readValue(RESULT.toFile(), RoutingReport.Stored.class);
            RoutingReport.of(stored).writeInto(Path.of("BENCHMARKS.md"));
            return;
        }
        RoutingOptions options = RoutingOptions.parse(args, "scripts/bench spring", 3, null);
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
                int rounds = subject.cachedByDefault() ? options.anchorRounds() : options.rounds();
                System.out.printf("%s: %d rounds%n", entry.getKey(), rounds);
                try (subject) {
                    results.add(new RoutingRound(subject, rounds, CAP).run());
                }
            }
        }
        String loadAfter = Files.readString(Path.of("/proc/loadavg")).strip();
        String commit = new MeasuredCode(MeasuredCode.repositoryOf(Path.of(""))).head().orElse(null);
        RoutingReport report = new RoutingReport(results, started, loadBefore, loadAfter, options.command(), commit);
        System.out.println(report.markdown());
        if (options.writeResults()) {
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            RoutingReport.Stored stored = new RoutingReport.Stored(started.toString(), options.command(), loadBefore,
                    loadAfter, results, commit);
            Files.createDirectories(RESULT.getParent());
            json.writeValue(RESULT.toFile(), stored);
            report.writeInto(Path.of("BENCHMARKS.md"));
        }
    }

    /**
     * What one round measures: a client configuration, the registrar its catalog is written with,
     * and what counts the client's requests to its catalog (null: no catalog server, {@code local}).
     */
    record Subject(String name, String integration, String backend, boolean anchor, Map<String, String> clientProperties,
                   Supplier<Registrar> registrar, CatalogRequests catalog) implements AutoCloseable {

        /** A Spring Cloud anchor with the load balancer's default cache (35 s): its rounds are slow. */
        boolean cachedByDefault() {
            return anchor && clientProperties.keySet().stream().noneMatch(key -> key.startsWith(CACHE));
        }

        @Override
        public void close() {
            if (catalog != null) {
                catalog.close();
            }
        }
    }

    /** Spring Cloud LoadBalancer's instance cache: {@code enabled} (default true) and {@code ttl} (default 35 s). */
    static final String CACHE = "spring.cloud.loadbalancer.cache.";

    private static Map<String, Supplier<Subject>> subjects(Path local, ConsulServer consul, EtcdServer etcd,
                                                           ZooKeeperServer zookeeper) {
        Map<String, Supplier<Subject>> subjects = new LinkedHashMap<>();
        subjects.put("pilot-local", () -> new Subject("pilot-local", "Pilot", "local", false,
                Map.of("pilot.discovery.local", local.toString()),
                () -> new PilotRegistrar("local", local.toString()), null));
        subjects.put("pilot-consul", () -> {
            CatalogRequests catalog = new CatalogRequests(consul.address(), CatalogRequests.Protocol.HTTP);
            return new Subject("pilot-consul", "Pilot", "consul", false, Map.of("pilot.discovery.consul", catalog.address()),
                    () -> new PilotRegistrar("consul", consul.address()), catalog);
        });
        subjects.put("pilot-etcd", () -> {
            CatalogRequests catalog = new CatalogRequests(etcd.uri().getHost() + ":" + etcd.uri().getPort(),
                    CatalogRequests.Protocol.HTTP);
            return new Subject("pilot-etcd", "Pilot", "etcd", false,
                    Map.of("pilot.discovery.etcd.endpoints", "http://" + catalog.address()),
                    () -> new PilotRegistrar("etcd", Map.of("endpoints", etcd.uri().toString())), catalog);
        });
        subjects.put("pilot-zookeeper", () -> {
            CatalogRequests catalog = new CatalogRequests(zookeeper.address(), CatalogRequests.Protocol.ZOOKEEPER);
            return new Subject("pilot-zookeeper", "Pilot", "zookeeper", false,
                    Map.of("pilot.discovery.zookeeper", catalog.address()),
                    () -> new PilotRegistrar("zookeeper", zookeeper.address()), catalog);
        });
        for (Tuning tuning : Tuning.values()) {
            String consulName = "spring-cloud-consul" + tuning.suffix;
            subjects.put(consulName, () -> {
                CatalogRequests catalog = new CatalogRequests(consul.address(), CatalogRequests.Protocol.HTTP);
                Map<String, String> properties = new LinkedHashMap<>(tuning.properties);
                properties.putAll(Map.of("pilot.discovery.enabled", "false",
                        "spring.cloud.consul.enabled", "true",
                        "spring.cloud.consul.host", "127.0.0.1",
                        "spring.cloud.consul.port", catalog.address().substring(catalog.address().lastIndexOf(':') + 1),
                        "spring.cloud.consul.discovery.register", "false"));
                return new Subject(consulName, "spring-cloud-starter-consul-discovery" + tuning.label, "consul", true,
                        properties, () -> new PilotRegistrar("consul", consul.address()), catalog);
            });
            String zookeeperName = "spring-cloud-zookeeper" + tuning.suffix;
            subjects.put(zookeeperName, () -> {
                CatalogRequests catalog = new CatalogRequests(zookeeper.address(), CatalogRequests.Protocol.ZOOKEEPER);
                Map<String, String> properties = new LinkedHashMap<>(tuning.properties);
                properties.putAll(Map.of("pilot.discovery.enabled", "false",
                        "spring.cloud.zookeeper.enabled", "true",
                        "spring.cloud.zookeeper.connect-string", catalog.address(),
                        "spring.cloud.zookeeper.discovery.register", "false"));
                return new Subject(zookeeperName, "spring-cloud-starter-zookeeper-discovery" + tuning.label, "zookeeper",
                        true, properties, () -> new CuratorRegistrar(zookeeper.address()), catalog);
            });
        }
        return subjects;
    }

    /**
     * How Spring Cloud's anchors are configured: at their defaults (the load balancer caches each
     * service's instances for 35 s), and as a user who cares about freshness would tune them —
     * the cache off (every routed request asks the discovery client), or a 1 s TTL.
     */
    enum Tuning {
        DEFAULTS("", "", Map.of()),
        NO_CACHE("-no-cache", " (load-balancer cache off)", Map.of(CACHE + "enabled", "false")),
        TTL_1S("-ttl-1s", " (load-balancer cache TTL 1 s)", Map.of(CACHE + "ttl", "1s"));

        final String suffix;
        final String label;
        final Map<String, String> properties;

        Tuning(String suffix, String label, Map<String, String> properties) {
            this.suffix = suffix;
            this.label = label;
            this.properties = properties;
        }
    }
}
