package dev.pilot.bench.scale;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pilot.bench.JavaProcess;
import dev.pilot.bench.Measurement;
import dev.pilot.bench.ProcessSampler;
import dev.pilot.bench.Profile;
import dev.pilot.bench.RunContext;
import dev.pilot.bench.Status;
import dev.pilot.bench.agent.AgentArtifact;
import dev.pilot.bench.agent.AgentLaunch;
import dev.pilot.bench.catalog.Catalog;
import dev.pilot.bench.catalog.ChangeWriter;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Scale: a size ladder per backend. First the catalog's own client measures how many TTL updates
 * a second the server takes with the profile's most services registered ({@link ScaleCeiling});
 * the ladder stays under half of that. Then one library workload ({@link ScaleWorkload}) with a
 * single watch gives the single-watch change latency, and each rung of {@code scaleRungs}
 * watched upstreams runs the library workload and then the agent ({@link AgentScale}, when its jar
 * is built), each with as many services as the rung has upstreams, up to what the catalog
 * sustains. The top rung runs {@code scaleDuration}, the others {@code scaleRungDuration}. Per
 * rung: late and failed heartbeats, CPU once started, RSS, threads, connections to the server,
 * and (library) the change latency of the last watched upstream and the memory of each stage.
 * The backends run at the same time, each against its own server, so the processes also share
 * the machine's cores.
 */
public final class ScaleRun implements Measurement {

    static final Duration TTL = Duration.ofSeconds(10);
    /** The launcher's flags, plus Native Memory Tracking: the library workload reports where its memory goes. */
    static final List<String> FLAGS = Stream.concat(AgentLaunch.FLAGS.stream()
            .filter(flag -> !flag.startsWith("--enable-native-access")), Stream.of("-XX:NativeMemoryTracking=summary")).toList();
    private static final int MOST_CHANGES = 20;
    private static final Duration SETTLE = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String id() {
        return "scale";
    }

    @Override
    public List<ScaleRow> run(RunContext context) {
        Profile profile = context.profile();
        Optional<Path> agent = AgentArtifact.find();
        context.log("scale: rungs %s upstreams, at most %d services, %s per rung, %s at the top, library%s, backends %s at once",
                profile.scaleRungs(), profile.scaleServices(), profile.scaleRungDuration(), profile.scaleDuration(),
                agent.isPresent() ? " and agent" : " only (no agent jar)", context.backends());
        Map<String, Future<List<ScaleRow>>> running = new LinkedHashMap<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String backend : context.backends()) {
                if (!context.hasPilotBackend(backend)) {
                    running.put(backend, CompletableFuture.completedFuture(List.of(ScaleRow.notMeasured(backend,
                            ScaleRow.LIBRARY, 0, Status.NOT_MEASURED, RunContext.BACKEND_NOT_AVAILABLE))));
                    continue;
                }
                try {
                    Catalog catalog = context.catalogs().open(backend);
                    running.put(backend, threads.submit(() -> ladder(context, catalog, agent)));
                } catch (RuntimeException e) {
                    running.put(backend, CompletableFuture.completedFuture(List.of(ScaleRow.notMeasured(backend,
                            ScaleRow.LIBRARY, 0, Status.FAILED, "not measured: server did not start: " + e.getMessage()))));
                }
            }
            List<ScaleRow> rows = new ArrayList<>();
            running.forEach((backend, ladder) -> {
                try {
                    rows.addAll(ladder.get());
                } catch (Exception e) {
                    rows.add(ScaleRow.notMeasured(backend, ScaleRow.LIBRARY, 0, Status.FAILED, "failed: " + e));
                }
            });
            return rows;
        }
    }

    private static List<ScaleRow> ladder(RunContext context, Catalog catalog, Optional<Path> agent) throws IOException {
        Profile profile = context.profile();
        String backend = catalog.backend();
        int port = serverPort(catalog.pilotConfig());
        double ceiling = ScaleCeiling.measure(catalog, profile.scaleServices(), profile.heartbeatRound());
        int most = ScaleCeiling.sustainable(ceiling, profile.scaleServices());
        context.log("scale %s: the raw client's ceiling is %.0f TTL updates/s with %d services: at most %d services",
                backend, ceiling, profile.scaleServices(), most);
        int changes = Math.min(MOST_CHANGES, profile.changes());
        List<ScaleRow> rows = new ArrayList<>();
        try (ChangeWriter writer = catalog.changeWriter()) {
            rows.add(library(catalog, writer, 1, 1, profile.scaleRungDuration(), port, ceiling, changes));
            List<Integer> rungs = profile.scaleRungs();
            for (int i = 0; i < rungs.size(); i++) {
                int upstreams = rungs.get(i);
                int services = Math.min(upstreams, most);
                Duration length = i == rungs.size() - 1 ? profile.scaleDuration() : profile.scaleRungDuration();
                context.log("scale %s: %d upstreams, %d services, %s", backend, upstreams, services, length);
                rows.add(library(catalog, writer, services, upstreams, length, port, ceiling, changes));
                if (agent.isPresent()) {
                    rows.add(AgentScale.measure(context, agent.get(), catalog, services, upstreams, length, port, ceiling));
                }
            }
        }
        return rows;
    }

    private static ScaleRow library(Catalog catalog, ChangeWriter writer, int services, int upstreams, Duration length,
                                    int port, double ceiling, int changes) throws IOException {
        String flags = String.join(" ", FLAGS);
        Path output = Files.createTempFile("pilot-bench-scale-" + catalog.backend(), ".out");
        try {
            Process process = JavaProcess.startClass(FLAGS, ScaleWorkload.class, List.of(catalog.backend(),
                    JSON.writeValueAsString(catalog.pilotConfig()), Integer.toString(services), Integer.toString(upstreams),
                    Long.toString(length.toSeconds()), Long.toString(TTL.toSeconds())), output);
            long start = System.nanoTime();
            ProcessSampler sampler = ProcessSampler.start(process.pid(), Duration.ofSeconds(1));
            List<Long> latencies = List.of();
            double settled = 0;
            boolean exited;
            int threads;
            int connections;
            try (ProcessGauges gauges = new ProcessGauges(process.pid(), port)) {
                try (var probesDone = process.getOutputStream()) { // closed: the workload's heartbeats may end
                    if (ChangeProbes.awaitReady(output, Duration.ofMinutes(3), process)) {
                        latencies = ChangeProbes.run(writer, output, ScaleWorkload.name(upstreams - 1), changes);
                        settled = (System.nanoTime() - start) / 1e9 + SETTLE.toSeconds();
                    }
                }
                exited = JavaProcess.awaitExit(process, length.plus(Duration.ofMinutes(4)));
                threads = gauges.maxThreads();
                connections = gauges.maxConnections();
            }
            List<ProcessSampler.Sample> samples = sampler.stop();
            List<String> lines = Files.readAllLines(output);
            if (!exited || process.exitValue() != 0 || lines.isEmpty() || !lines.getLast().startsWith("{")) {
                String errors = Files.exists(Path.of(output + ".err")) ? Files.readString(Path.of(output + ".err")) : "";
                return ScaleRow.notMeasured(catalog.backend(), ScaleRow.LIBRARY, upstreams, Status.FAILED, (exited
                        ? "exited with " + process.exitValue() : "did not finish in time") + ": " + last(errors));
            }
            ScaleOutcome outcome = JSON.readValue(lines.getLast(), ScaleOutcome.class);
            String note = (outcome.late() == 0 && outcome.failures() == 0 ? "every heartbeat within its TTL"
                    : outcome.late() + " heartbeats later than the TTL, " + outcome.failures() + " failed"
                    + (outcome.firstFailure().isEmpty() ? "" : ", the first with: " + outcome.firstFailure()))
                    + "; " + latencies.size() + " of " + changes + " changes seen";
            return new ScaleRow(catalog.backend(), ScaleRow.LIBRARY, flags, Status.MEASURED, note, upstreams, services,
                    samples.isEmpty() ? 0 : samples.getLast().seconds(), cpuFrom(samples, settled),
                    ProcessSampler.maxRssMb(samples), samples.isEmpty() ? 0 : samples.getLast().rssMb(), threads,
                    Math.max(connections, outcome.connections()), ChangeProbes.medianMs(latencies), ceiling, outcome, samples);
        } finally {
            Files.deleteIfExists(output);
            Files.deleteIfExists(Path.of(output + ".err"));
        }
    }

    /** Mean CPU in percent of a core over the samples from {@code fromSeconds} on (all, when too few are left). */
    static double cpuFrom(List<ProcessSampler.Sample> samples, double fromSeconds) {
        List<ProcessSampler.Sample> later = samples.stream().filter(sample -> sample.seconds() >= fromSeconds).toList();
        return ProcessSampler.cpuPercent(later.size() >= 2 ? later : samples);
    }

    /** The server's TCP port in Pilot's configuration ({@code address} host:port or {@code endpoints} URL); -1 for none. */
    static int serverPort(Object config) {
        if (!(config instanceof Map<?, ?> map)) {
            return -1;
        }
        try {
            if (map.get("address") instanceof String address) {
                return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
            }
            if (map.get("endpoints") instanceof String endpoints) {
                return URI.create(endpoints.split(",")[0].strip()).getPort();
            }
        } catch (RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private static String last(String text) {
        String stripped = text.strip();
        return stripped.length() <= 300 ? stripped : "…" + stripped.substring(stripped.length() - 300);
    }
}
