package dev.pilot.bench.scale;

import dev.pilot.bench.ProcessSampler;
import dev.pilot.bench.RunContext;
import dev.pilot.bench.Status;
import dev.pilot.bench.agent.AgentLaunch;
import dev.pilot.bench.agent.AgentProcess;
import dev.pilot.bench.catalog.Catalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * One rung with the agent: {@code services} services (no health command, TTL 10 s, poll 5 s) and
 * {@code upstreams} upstreams with an onChange command, in one agent run with its launcher's
 * flags. Whether it falls behind is seen from outside, by a {@link HealthySetObserver}. The rung's
 * length counts from the moment every service is healthy (the agent registered them all), and the
 * agent's connections to the server are counted at that moment too, besides the periodic gauges.
 * The agent also writes a GC log: the most that was live after a full collection, against the
 * heap's size, says how close to its cap the agent ran (its RSS follows the heap's size, which the
 * serial collector grows to the cap whatever is live).
 */
final class AgentScale {

    /** The launcher's flags, and a GC log whose full collections the row's note sums up. */
    static final String FLAGS = String.join(" ", AgentLaunch.FLAGS) + " -Xlog:gc:file=(a temporary file)";
    /** How long the agent may take to register every service before the rung's time starts. */
    static final Duration REGISTERED_WITHIN = Duration.ofMinutes(3);

    private AgentScale() {}

    /** A file for the agent's GC log (its full collections go into the row's note), deleted when the JVM exits. */
    private static Path gcLog() {
        try {
            Path file = Files.createTempFile("pilot-bench-gc-", ".log");
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a file for the agent's GC log", e);
        }
    }

    static ScaleRow measure(RunContext context, Path jar, Catalog catalog, int services, int upstreams,
                            Duration length, int port, double ceiling) {
        String prefix = "scale" + Long.toHexString(System.nanoTime() & 0xfffff) + "-";
        List<Map<String, Object>> registered = new ArrayList<>();
        List<Map<String, Object>> watched = new ArrayList<>();
        for (int i = 0; i < services; i++) {
            registered.add(Map.of("name", prefix + i, "port", 10_000 + i, "poll", ScaleRun.TTL.toSeconds() / 2,
                    "ttl", ScaleRun.TTL.toSeconds()));
        }
        for (int i = 0; i < upstreams; i++) {
            watched.add(Map.of("name", prefix + i, "poll", ScaleRun.TTL.toSeconds() / 2, "onChange", List.of("true")));
        }
        List<String> names = registered.stream().map(service -> (String) service.get("name")).toList();
        try (HealthySetObserver observer = new HealthySetObserver(context, catalog, names)) {
            List<ProcessSampler.Sample> samples;
            String tail;
            boolean alive;
            long healthyAtEnd;
            long dropped;
            long failedHeartbeats;
            String firstFailure;
            long lostSessions;
            int threads;
            int connections;
            boolean allRegistered;
            Path gcLog = gcLog();
            List<String> flags = new ArrayList<>(AgentLaunch.FLAGS);
            // filecount=0: no rotation, which would first move the (existing, empty) file aside as .0, left behind
            flags.add("-Xlog:gc:file=" + gcLog + "::filecount=0");
            try (AgentProcess agent = AgentProcess.start(jar, flags,
                    Map.of(catalog.backend(), catalog.pilotConfig(), "services", registered, "backends", watched),
                    length.plus(REGISTERED_WITHIN).plus(Duration.ofMinutes(2)))) {
                ProcessSampler sampler = ProcessSampler.start(agent.pid(), Duration.ofSeconds(1));
                ProcessGauges gauges = new ProcessGauges(agent.pid(), port);
                int connectedOnceRegistered = -1;
                try (gauges) {
                    // the rung's length counts from the event that every service is registered and healthy
                    allRegistered = observer.awaitAllHealthy(REGISTERED_WITHIN);
                    if (allRegistered && port > 0) {
                        connectedOnceRegistered = ProcessGauges.connections(agent.pid(), port);
                    }
                    if (allRegistered) {
                        LockSupport.parkNanos(length.toNanos());
                    }
                    samples = sampler.stop();
                }
                threads = gauges.maxThreads();
                connections = Math.max(gauges.maxConnections(), connectedOnceRegistered);
                alive = agent.isAlive();
                tail = alive ? "" : agent.outputTail();
                healthyAtEnd = observer.healthyNow();
                dropped = observer.dropouts(); // before the agent stops: it deregisters then
                // the agent's own account, to tell its late heartbeats from an observer's lag
                Map<String, Long> logged = agent.outputLinesContaining(List.of("heartbeat failed", "session lost"));
                failedHeartbeats = logged.get("heartbeat failed");
                firstFailure = agent.firstOutputLineContaining("heartbeat failed")
                        .map(line -> line.length() > 240 ? line.substring(0, 240) + "…" : line).orElse("");
                lostSessions = logged.get("session lost");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ScaleRow.notMeasured(catalog.backend(), ScaleRow.AGENT, upstreams, Status.FAILED, "interrupted");
            }
            if (alive && !allRegistered) {
                return ScaleRow.notMeasured(catalog.backend(), ScaleRow.AGENT, upstreams, Status.FAILED,
                        "not every service of the agent was healthy within " + REGISTERED_WITHIN.toMinutes()
                                + " min: " + healthyAtEnd + " of " + services);
            }
            if (!alive) {
                return ScaleRow.notMeasured(catalog.backend(), ScaleRow.AGENT, upstreams, Status.FAILED,
                        "the agent exited: " + tail);
            }
            String note = (dropped == 0 ? "no service left the healthy set" : dropped
                    + " times a service left the healthy set (a heartbeat later than its TTL)")
                    + "; " + healthyAtEnd + " of " + services + " healthy at the end"
                    + "; its log: " + failedHeartbeats + " failed heartbeats"
                    + (firstFailure.isEmpty() ? "" : " (the first: " + firstFailure + ")")
                    + (lostSessions == 0 ? "" : ", " + lostSessions + " lost sessions")
                    + GcSummary.read(gcLog).map(gc -> "; " + gc.describe()).orElse("; no full collection");
            double settled = Math.min(30, length.toSeconds() / 3.0);
            return new ScaleRow(catalog.backend(), ScaleRow.AGENT, FLAGS, Status.MEASURED, note, upstreams, services,
                    samples.isEmpty() ? 0 : samples.getLast().seconds(), ScaleRun.cpuFrom(samples, settled),
                    ProcessSampler.maxRssMb(samples), samples.isEmpty() ? 0 : samples.getLast().rssMb(), threads,
                    connections, -1, ceiling, ScaleOutcome.agent(dropped, failedHeartbeats), samples);
        }
    }
}
