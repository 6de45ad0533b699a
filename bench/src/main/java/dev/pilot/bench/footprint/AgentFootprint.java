package dev.pilot.bench.footprint;

import dev.pilot.bench.Measurement;
import dev.pilot.bench.ProcessSampler;
import dev.pilot.bench.RunContext;
import dev.pilot.bench.Status;
import dev.pilot.bench.agent.AgentArtifact;
import dev.pilot.bench.agent.AgentProcess;
import dev.pilot.bench.catalog.Catalog;
import dev.pilot.bench.catalog.RawWatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * The agent's footprint on the embedded {@code local} backend: the time from launching its JVM
 * to its service's first registration, seen by a raw watch on the catalog (the median of several
 * starts, one at a time), and its RSS after idling (one agent per set of flags, all idling at
 * once), with each {@link Variant} of JVM flags; then the same for the self-contained agent (the
 * tarball's {@code bin/pilot}) on every backend ({@link LauncherFootprint}).
 */
public final class AgentFootprint implements Measurement {

    static final Duration REGISTRATION_DEADLINE = Duration.ofSeconds(30);
    private static final Duration AOT_TRAINING_EXIT = Duration.ofSeconds(120);

    @Override
    public String id() {
        return "agent-footprint";
    }

    @Override
    public List<FootprintRow> run(RunContext context) {
        List<FootprintRow> rows = new ArrayList<>(jvmRows(context));
        rows.addAll(LauncherFootprint.rows(context));
        return rows;
    }

    /** The agent's jar on the running JDK, on the local backend, with each set of flags. */
    private List<FootprintRow> jvmRows(RunContext context) {
        Optional<Path> jar = AgentArtifact.find();
        if (jar.isEmpty()) {
            return Variant.ALL.stream().map(variant -> FootprintRow.notMeasured(variant, Status.NOT_MEASURED,
                    AgentArtifact.NOT_AVAILABLE)).toList();
        }
        Catalog catalog = context.catalogs().open("local");
        Path aotCache = temporaryFile("pilot-bench-", ".aot");
        try {
            context.log("agent footprint: %d starts per set of flags, then %s idle, jar %s", context.profile().footprintStarts(),
                    context.profile().footprintIdle(), jar.get());
            String aotProblem = trainAotCache(jar.get(), catalog, aotCache);
            Map<Variant, List<Long>> startups = new LinkedHashMap<>();
            Map<Variant, String> problems = new LinkedHashMap<>();
            for (Variant variant : Variant.ALL) {
                if (variant.aot() && aotProblem != null) {
                    problems.put(variant, aotProblem);
                    continue;
                }
                List<Long> times = new ArrayList<>();
                for (int run = 0; run < context.profile().footprintStarts() && !problems.containsKey(variant); run++) {
                    try (AgentProcess agent = AgentProcess.start(jar.get(), variant.flags(aotCache),
                            config(catalog, "fp" + run), Duration.ofMinutes(2))) {
                        awaitRegistration(catalog, agent, "fp" + run).ifPresentOrElse(times::add,
                                () -> problems.put(variant, "no registration within " + REGISTRATION_DEADLINE.toSeconds()
                                        + " s: " + agent.outputTail()));
                    }
                }
                startups.put(variant, times);
            }
            return idle(context, jar.get(), catalog, aotCache, startups, problems);
        } finally {
            try {
                Files.deleteIfExists(aotCache);
            } catch (IOException e) {
                // a temporary file left behind
            }
        }
    }

    /** Runs every measurable variant at once for the idle time; returns the rows. */
    private List<FootprintRow> idle(RunContext context, Path jar, Catalog catalog, Path aotCache,
                                    Map<Variant, List<Long>> startups, Map<Variant, String> problems) {
        Duration idle = context.profile().footprintIdle();
        Map<Variant, AgentProcess> agents = new LinkedHashMap<>();
        Map<Variant, ProcessSampler> samplers = new LinkedHashMap<>();
        List<FootprintRow> rows = new ArrayList<>();
        try {
            for (Variant variant : startups.keySet()) {
                if (problems.containsKey(variant)) {
                    continue;
                }
                AgentProcess agent = AgentProcess.start(jar, variant.flags(aotCache), config(catalog, "fpidle"
                        + agents.size()), idle.plus(Duration.ofMinutes(2)));
                agents.put(variant, agent);
                samplers.put(variant, ProcessSampler.start(agent.pid(), Duration.ofSeconds(1)));
            }
            LockSupport.parkNanos(idle.toNanos());
            for (Variant variant : Variant.ALL) {
                if (problems.containsKey(variant) || !agents.containsKey(variant)) {
                    rows.add(FootprintRow.notMeasured(variant, Status.FAILED, "failed: " + problems.get(variant)));
                    continue;
                }
                List<ProcessSampler.Sample> samples = samplers.get(variant).stop();
                List<Long> times = startups.get(variant);
                boolean alive = agents.get(variant).isAlive();
                rows.add(new FootprintRow(variant.name(), variant.describeFlags(),
                        alive ? Status.MEASURED : Status.FAILED,
                        alive ? "" : "the idle agent exited: " + agents.get(variant).outputTail(), times, median(times),
                        samples.isEmpty() ? 0 : samples.getLast().seconds(),
                        samples.isEmpty() ? 0 : samples.getLast().rssMb(), samples, "local", false));
            }
        } finally {
            agents.values().forEach(AgentProcess::close);
        }
        return rows;
    }

    /** Trains the AOT cache with one agent run; returns why it failed, or null. */
    private static String trainAotCache(Path jar, Catalog catalog, Path aotCache) {
        try {
            Files.deleteIfExists(aotCache);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> flags = new ArrayList<>(Variant.LAUNCHER);
        flags.add("-XX:AOTCacheOutput=" + aotCache);
        AgentProcess agent = AgentProcess.start(jar, flags, config(catalog, "fptrain"), Duration.ofMinutes(2));
        String output;
        try {
            Optional<Long> registered = awaitRegistration(catalog, agent, "fptrain");
            LockSupport.parkNanos(Duration.ofSeconds(2).toNanos()); // let the watch and onChange run too
            output = registered.isEmpty() ? agent.outputTail() : null;
        } finally {
            agent.close(AOT_TRAINING_EXIT);
        }
        if (output != null) {
            return "AOT training run did not register: " + output;
        }
        return Files.isRegularFile(aotCache) ? null : "the AOT training run wrote no cache";
    }

    /** The milliseconds from launching {@code agent} to its service {@code service} appearing in the catalog. */
    static Optional<Long> awaitRegistration(Catalog catalog, AgentProcess agent, String service) {
        CompletableFuture<Long> seen = new CompletableFuture<>();
        try (RawWatch ignored = catalog.rawWatch(service, (arrival, ids) -> {
            if (!ids.isEmpty()) {
                seen.complete(arrival);
            }
        })) {
            long arrival = seen.get(REGISTRATION_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            return Optional.of(Math.max(0, (arrival - agent.startNanos()) / 1_000_000));
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** One service (TTL 10 s, heartbeat every 5 s) and one watched upstream, on the catalog. */
    static Map<String, Object> config(Catalog catalog, String service) {
        return Map.of(catalog.backend(), catalog.pilotConfig(),
                "services", List.of(Map.of("name", service, "port", 8080, "poll", 5, "ttl", 10)),
                "backends", List.of(Map.of("name", service + "-upstream", "poll", 5, "onChange", List.of("true"))));
    }

    static long median(List<Long> values) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get((sorted.size() - 1) / 2);
    }

    private static Path temporaryFile(String prefix, String suffix) {
        try {
            return Files.createTempFile(prefix, suffix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
