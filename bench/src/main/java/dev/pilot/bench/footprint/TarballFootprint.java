package dev.pilot.bench.footprint;

import dev.pilot.bench.ProcessSampler;
import dev.pilot.bench.RunContext;
import dev.pilot.bench.Status;
import dev.pilot.bench.agent.AgentProcess;
import dev.pilot.bench.agent.DistTarball;
import dev.pilot.bench.catalog.Catalog;
import dev.pilot.bench.catalog.ChangeWriter;
import dev.pilot.bench.catalog.RawWatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * The self-contained agent's footprint: for each backend, its server warmed up by one write,
 * the tarball unpacked into a fresh folder, then its {@code bin/pilot} started several times, one at a time (the first of them is
 * the first start after unpacking), timed from launch to the service's first registration seen
 * by the catalog's own watch; then one agent per backend idling at once, its RSS read at the end.
 */
final class TarballFootprint {

    private static final String WARM_UP = "tbwarmup";
    static final String LAUNCHER = "bin/pilot (jlink runtime, lib/pilot.jvm, AOT cache from packaging)";

    private TarballFootprint() {}

    static List<FootprintRow> rows(RunContext context) {
        Optional<Path> tarball = DistTarball.find();
        if (tarball.isEmpty()) {
            return context.backends().stream().map(backend -> notMeasured(backend, Status.NOT_MEASURED, DistTarball.NOT_AVAILABLE))
                    .toList();
        }
        context.log("tarball footprint: %s, %d starts per backend, then %s idle", tarball.get(),
                context.profile().footprintStarts(), context.profile().footprintIdle());
        Map<String, Path> launchers = new LinkedHashMap<>();
        Map<String, List<Long>> startups = new LinkedHashMap<>();
        Map<String, String> problems = new LinkedHashMap<>();
        List<Path> folders = new ArrayList<>();
        try {
            for (String backend : context.backends()) {
                Catalog catalog = context.catalogs().open(backend);
                warmUp(catalog);
                Path folder = temporaryFolder();
                folders.add(folder);
                Path launcher = DistTarball.unpack(tarball.get(), folder);
                launchers.put(backend, launcher);
                List<Long> times = new ArrayList<>();
                for (int run = 0; run < context.profile().footprintStarts() && !problems.containsKey(backend); run++) {
                    String service = "tb" + backend.charAt(0) + run;
                    try (AgentProcess agent = AgentProcess.launch(List.of(launcher.toString()),
                            AgentFootprint.config(catalog, service), Duration.ofMinutes(2))) {
                        AgentFootprint.awaitRegistration(catalog, agent, service).ifPresentOrElse(times::add,
                                () -> problems.put(backend, "no registration within "
                                        + AgentFootprint.REGISTRATION_DEADLINE.toSeconds() + " s: " + agent.outputTail()));
                    }
                }
                startups.put(backend, times);
            }
            return idle(context, launchers, startups, problems);
        } finally {
            folders.forEach(TarballFootprint::delete);
        }
    }

    /** One agent per backend idling at once; the rows. */
    private static List<FootprintRow> idle(RunContext context, Map<String, Path> launchers, Map<String, List<Long>> startups,
                                           Map<String, String> problems) {
        Duration idle = context.profile().footprintIdle();
        Map<String, AgentProcess> agents = new LinkedHashMap<>();
        Map<String, ProcessSampler> samplers = new LinkedHashMap<>();
        List<FootprintRow> rows = new ArrayList<>();
        try {
            for (String backend : launchers.keySet()) {
                if (!problems.containsKey(backend)) {
                    AgentProcess agent = AgentProcess.launch(List.of(launchers.get(backend).toString()),
                            AgentFootprint.config(context.catalogs().open(backend), "tbidle" + backend.charAt(0)),
                            idle.plus(Duration.ofMinutes(2)));
                    agents.put(backend, agent);
                    samplers.put(backend, ProcessSampler.start(agent.pid(), Duration.ofSeconds(1)));
                }
            }
            LockSupport.parkNanos(idle.toNanos());
            for (String backend : launchers.keySet()) {
                if (problems.containsKey(backend)) {
                    rows.add(notMeasured(backend, Status.FAILED, "failed: " + problems.get(backend)));
                    continue;
                }
                List<ProcessSampler.Sample> samples = samplers.get(backend).stop();
                List<Long> times = startups.get(backend);
                boolean alive = agents.get(backend).isAlive();
                rows.add(new FootprintRow(variant(backend), LAUNCHER, alive ? Status.MEASURED : Status.FAILED,
                        alive ? "first start after unpacking: " + times.getFirst() + " ms"
                                : "the idle agent exited: " + agents.get(backend).outputTail(),
                        times, AgentFootprint.median(times), samples.isEmpty() ? 0 : samples.getLast().seconds(),
                        samples.isEmpty() ? 0 : samples.getLast().rssMb(), samples, backend, true));
            }
        } finally {
            agents.values().forEach(AgentProcess::close);
        }
        return rows;
    }

    /**
     * One write seen by the catalog's own watch before the first start is timed: a server that
     * was started a moment ago answers its first requests slowly, which is not the agent's start.
     */
    private static void warmUp(Catalog catalog) {
        CompletableFuture<Void> seen = new CompletableFuture<>();
        try (RawWatch ignored = catalog.rawWatch(WARM_UP, (arrival, ids) -> {
            if (!ids.isEmpty()) {
                seen.complete(null);
            }
        }); ChangeWriter writer = catalog.changeWriter()) {
            writer.add(WARM_UP, WARM_UP + "-1", 8080);
            seen.get(AgentFootprint.REGISTRATION_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            writer.remove(WARM_UP, WARM_UP + "-1");
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(catalog.backend() + ": the warm-up write was not seen by the catalog's watch", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while warming up " + catalog.backend(), e);
        }
    }

    static String variant(String backend) {
        return "tarball, " + backend;
    }

    private static FootprintRow notMeasured(String backend, Status status, String note) {
        return new FootprintRow(variant(backend), LAUNCHER, status, note, List.of(), 0, 0, 0, List.of(), backend, true);
    }

    private static Path temporaryFolder() {
        try {
            return Files.createTempDirectory("pilot-bench-tarball");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path folder) {
        try (var files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind
        }
    }
}
