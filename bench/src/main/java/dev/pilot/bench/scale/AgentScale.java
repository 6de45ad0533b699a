package dev.pilot.bench.scale;

import dev.pilot.bench.ProcessSampler;
import dev.pilot.bench.RunContext;
import dev.pilot.bench.Status;
import dev.pilot.bench.agent.AgentLaunch;
import dev.pilot.bench.agent.AgentProcess;
import dev.pilot.bench.catalog.Catalog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * The scale run with the agent: {@code services} services (no health command, TTL 10 s, poll
 * 5 s) and as many upstreams with an onChange command, in one agent. Whether it falls behind is
 * seen from outside, by a {@link HealthySetObserver}.
 */
final class AgentScale {

    static final String PROCESS = "agent, JVM flags " + String.join(" ", AgentLaunch.FLAGS);

    private AgentScale() {}

    static ScaleRow measure(RunContext context, Path jar, Catalog catalog, int count, Duration length) {
        String prefix = "scale" + Long.toHexString(System.nanoTime() & 0xfffff) + "-";
        List<Map<String, Object>> services = new ArrayList<>();
        List<Map<String, Object>> upstreams = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            services.add(Map.of("name", prefix + i, "port", 10_000 + i, "poll", ScaleRun.TTL.toSeconds() / 2,
                    "ttl", ScaleRun.TTL.toSeconds()));
            upstreams.add(Map.of("name", prefix + i, "poll", ScaleRun.TTL.toSeconds() / 2, "onChange", List.of("true")));
        }
        List<String> names = services.stream().map(service -> (String) service.get("name")).toList();
        try (HealthySetObserver observer = new HealthySetObserver(context, catalog, names)) {
            List<ProcessSampler.Sample> samples;
            String tail;
            boolean alive;
            long registeredAtEnd;
            long dropped;
            try (AgentProcess agent = AgentProcess.start(jar, AgentLaunch.FLAGS,
                    Map.of(catalog.backend(), catalog.pilotConfig(), "services", services, "backends", upstreams),
                    length.plus(Duration.ofMinutes(2)))) {
                ProcessSampler sampler = ProcessSampler.start(agent.pid(), Duration.ofSeconds(1));
                LockSupport.parkNanos(length.toNanos());
                samples = sampler.stop();
                alive = agent.isAlive();
                tail = alive ? "" : agent.outputTail();
                registeredAtEnd = observer.healthyNow();
                dropped = observer.dropouts(); // before the agent stops: it deregisters then
            }
            if (!alive) {
                return ScaleRow.notMeasured(catalog.backend(), PROCESS, Status.FAILED, "the agent exited: " + tail);
            }
            String note = (dropped == 0 ? "no service left the healthy set" : dropped
                    + " times a service left the healthy set (a heartbeat later than its TTL)")
                    + "; " + registeredAtEnd + " of " + count + " healthy at the end";
            return new ScaleRow(catalog.backend(), PROCESS, Status.MEASURED, note, count,
                    samples.isEmpty() ? 0 : samples.getLast().seconds(), ProcessSampler.cpuPercent(samples),
                    ProcessSampler.maxRssMb(samples), samples.isEmpty() ? 0 : samples.getLast().rssMb(),
                    new ScaleOutcome(-1, 0, dropped, -1, -1, ""), samples);
        }
    }
}
