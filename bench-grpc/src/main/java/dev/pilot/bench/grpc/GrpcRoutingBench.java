package dev.pilot.bench.grpc;

import dev.pilot.bench.routing.RoutingOptions;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.pilot.discovery.Backends;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.grpc.PilotNameResolverProvider;
import dev.pilot.testservers.ConsulServer;
import dev.pilot.testservers.EtcdServer;
import dev.pilot.testservers.ZooKeeperServer;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * gRPC routing on each backend through {@code pilot:///}, beside grpc-spring's
 * {@code DiscoveryClientNameResolver} on Spring Cloud Consul with its defaults, against the same
 * servers in the same run: registration → first routed RPC and deregistration → last routed RPC
 * ({@link RoutingRounds}), and failed calls in a rolling restart of three servers
 * ({@link RollingRestart}). Writes {@code bench/results/grpc-routing.json} and the
 * {@code bench-grpc:routing} section of {@code BENCHMARKS.md}; {@code report} redraws the
 * section from the stored result.
 *
 * <p>Usage: {@code GrpcRoutingBench [--rounds N] [--anchor-rounds N] [--only name,name] [--no-report] | report}
 * (run by {@code scripts/bench grpc}).
 */
public final class GrpcRoutingBench {

    static final Duration CAP = Duration.ofSeconds(45);
    private static final Path RESULTS = Path.of("bench/results/grpc-routing.json");
    private static final Path BENCHMARKS = Path.of("BENCHMARKS.md");

    private GrpcRoutingBench() {}

    public static void main(String[] args) throws Exception {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        if (args.length == 1 && args[0].equals("report")) {
            GrpcRoutingReport.writeInto(BENCHMARKS, json.readValue(RESULTS.toFile(), GrpcResults.class));
            return;
        }
        RoutingOptions options = RoutingOptions.parse(args, "scripts/bench grpc", 20, "report");
        String loadBefore = loadavg();
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<RoutingResult> routing = new ArrayList<>();
        List<RestartResult> restarts = new ArrayList<>();
        Path local = Files.createTempDirectory("pilot-bench-grpc");
        try (ConsulServer consul = ConsulServer.launch();
             EtcdServer etcd = EtcdServer.launch();
             ZooKeeperServer zookeeper = ZooKeeperServer.launch()) {
            for (Subject subject : subjects(local, consul, etcd, zookeeper)) {
                if (!options.only().isEmpty() && !options.only().contains(subject.name())) {
                    continue;
                }
                int rounds = subject.anchor() ? options.anchorRounds() : options.rounds();
                System.out.printf("%s: %d rounds%n", subject.name(), rounds);
                routing.add(RoutingRounds.run(subject, rounds, CAP));
                restarts.add(RollingRestart.run(subject, CAP));
            }
        }
        GrpcResults results = new GrpcResults(started.toString(), options.command(), commit(), loadBefore, loadavg(),
                routing, restarts);
        System.out.println(GrpcRoutingReport.markdown(results));
        if (options.writeResults()) {
            Files.createDirectories(RESULTS.getParent());
            json.writeValue(RESULTS.toFile(), results);
            GrpcRoutingReport.writeInto(BENCHMARKS, results);
        }
    }

    private static List<Subject> subjects(Path local, ConsulServer consul, EtcdServer etcd, ZooKeeperServer zookeeper) {
        Map<String, Object> raws = new LinkedHashMap<>();
        raws.put("local", local.toString());
        raws.put("consul", consul.address());
        raws.put("etcd", Map.of("endpoints", List.of(etcd.uri().toString())));
        raws.put("zookeeper", zookeeper.address());
        List<Subject> subjects = new ArrayList<>();
        raws.forEach((backend, raw) -> subjects.add(new Subject("pilot-" + backend, "pilot:", backend, false,
                () -> Backends.fromClassPath().create(backend, raw),
                service -> pilotClient(Backends.fromClassPath().create(backend, raw), service))));
        subjects.add(new Subject("grpc-spring-consul", "grpc-spring `discovery:` on Spring Cloud Consul", "consul", true,
                () -> Backends.fromClassPath().create("consul", consul.address()),
                service -> AnchorClient.open(consul.httpPort(), service)));
        return subjects;
    }

    private static Subject.Client pilotClient(ServiceBackend backend, String service) {
        ManagedChannel channel = ManagedChannelBuilder.forTarget("pilot:///" + service)
                .setNameResolverArg(PilotNameResolverProvider.BACKEND, backend)
                .defaultLoadBalancingPolicy("round_robin")
                .usePlaintext()
                .build();
        return new Subject.Client(channel, backend::close);
    }

    private static String loadavg() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).strip();
    }

    private static String commit() {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "--short=12", "HEAD").redirectErrorStream(true).start();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return git.waitFor() == 0 ? out : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
