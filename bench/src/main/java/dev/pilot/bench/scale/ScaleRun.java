package dev.pilot.bench.scale;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pilot.bench.JavaProcess;
import dev.pilot.bench.Measurement;
import dev.pilot.bench.ProcessSampler;
import dev.pilot.bench.RunContext;
import dev.pilot.bench.Status;
import dev.pilot.bench.agent.AgentArtifact;
import dev.pilot.bench.catalog.Catalog;
import java.io.IOException;
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

/**
 * Scale: one process per backend with {@code scaleServices} services heartbeating (TTL 10 s,
 * every 5 s) and as many watched upstreams, for {@code scaleDuration}; its CPU and RSS are
 * sampled once a second. The process is the agent ({@link AgentScale}) when its jar is built, else
 * a library workload ({@link ScaleWorkload}) that reports whether any heartbeat came later than
 * its TTL. The
 * backends run at the same time, each process against its own server, so the run takes one
 * duration (and the processes share the machine's cores, a harder test of "nothing falls behind").
 */
public final class ScaleRun implements Measurement {

    static final Duration TTL = Duration.ofSeconds(10);
    /** The JVM flags of the workload: those the agent's launcher uses. */
    static final List<String> FLAGS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-XX:ReservedCodeCacheSize=32m", "-Xms8m", "-Xmx256m");
    static final String PROCESS = "Pilot library workload, JVM flags " + String.join(" ", FLAGS);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String id() {
        return "scale";
    }

    @Override
    public List<ScaleRow> run(RunContext context) {
        Duration length = context.profile().scaleDuration();
        int services = context.profile().scaleServices();
        Optional<Path> agent = AgentArtifact.find();
        context.log("scale: %s with %d services and %d upstreams per backend for %s, backends %s at once",
                agent.isPresent() ? "an agent" : "a library workload", services, services, length, context.backends());
        Map<String, Future<ScaleRow>> running = new LinkedHashMap<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String backend : context.backends()) {
                if (!context.hasPilotBackend(backend)) {
                    running.put(backend, CompletableFuture.completedFuture(ScaleRow.notMeasured(backend,
                            agent.isPresent() ? AgentScale.PROCESS : PROCESS, Status.NOT_MEASURED, RunContext.BACKEND_NOT_AVAILABLE)));
                    continue;
                }
                try {
                    Catalog catalog = context.catalogs().open(backend);
                    running.put(backend, threads.submit(() -> agent.isPresent()
                            ? AgentScale.measure(context, agent.get(), catalog, services, length)
                            : measure(catalog, services, length)));
                } catch (RuntimeException e) {
                    running.put(backend, CompletableFuture.completedFuture(ScaleRow.notMeasured(backend, PROCESS,
                            Status.FAILED, "not measured: server did not start: " + e.getMessage())));
                }
            }
            List<ScaleRow> rows = new ArrayList<>();
            running.forEach((backend, row) -> {
                try {
                    rows.add(row.get());
                } catch (Exception e) {
                    rows.add(ScaleRow.notMeasured(backend, PROCESS, Status.FAILED, "failed: " + e));
                }
            });
            return rows;
        }
    }

    private static ScaleRow measure(Catalog catalog, int services, Duration length) throws IOException {
        Path output = Files.createTempFile("pilot-bench-scale-" + catalog.backend(), ".out");
        try {
            Process process = JavaProcess.startClass(FLAGS, ScaleWorkload.class, List.of(catalog.backend(),
                    JSON.writeValueAsString(catalog.pilotConfig()), Integer.toString(services),
                    Long.toString(length.toSeconds()), Long.toString(TTL.toSeconds())), output);
            ProcessSampler sampler = ProcessSampler.start(process.pid(), Duration.ofSeconds(1));
            boolean exited = JavaProcess.awaitExit(process, length.plus(Duration.ofSeconds(60)));
            List<ProcessSampler.Sample> samples = sampler.stop();
            List<String> lines = Files.readAllLines(output);
            if (!exited || process.exitValue() != 0 || lines.isEmpty()) {
                String errors = Files.exists(Path.of(output + ".err")) ? Files.readString(Path.of(output + ".err")) : "";
                return ScaleRow.notMeasured(catalog.backend(), PROCESS, Status.FAILED, (exited ? "exited with "
                        + process.exitValue() : "did not finish in time") + ": " + last(errors));
            }
            ScaleOutcome outcome = JSON.readValue(lines.getLast(), ScaleOutcome.class);
            double seconds = samples.isEmpty() ? 0 : samples.getLast().seconds();
            String note = outcome.late() == 0 && outcome.failures() == 0 ? "every heartbeat within its TTL"
                    : outcome.late() + " heartbeats later than the TTL, " + outcome.failures() + " failed"
                    + (outcome.firstFailure().isEmpty() ? "" : ", the first with: " + outcome.firstFailure());
            return new ScaleRow(catalog.backend(), PROCESS, Status.MEASURED, note, services, seconds,
                    ProcessSampler.cpuPercent(samples), ProcessSampler.maxRssMb(samples),
                    samples.isEmpty() ? 0 : samples.getLast().rssMb(), outcome, samples);
        } finally {
            Files.deleteIfExists(output);
            Files.deleteIfExists(Path.of(output + ".err"));
        }
    }

    private static String last(String text) {
        String stripped = text.strip();
        return stripped.length() <= 300 ? stripped : "…" + stripped.substring(stripped.length() - 300);
    }
}
