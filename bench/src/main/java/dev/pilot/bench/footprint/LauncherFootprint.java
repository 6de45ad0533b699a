package dev.pilot.bench.footprint;

import dev.pilot.bench.JavaProcess;
import dev.pilot.bench.Machine;
import dev.pilot.bench.ProcessSampler;
import dev.pilot.bench.RunContext;
import dev.pilot.bench.Status;
import dev.pilot.bench.agent.AgentArtifact;
import dev.pilot.bench.agent.AgentLaunch;
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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * The agent's footprint as containers run it, per backend and per launcher (the tarball's
 * {@code bin/pilot}, the agent's jar on the running JDK with its launcher's flags, and
 * ContainerPilot 2.7.8 when a binary is given): the backend's server warmed up by one write,
 * the tarball unpacked into a fresh folder, then the agent started several times, one at a time
 * (for the tarball the first is the first start after unpacking), timed from launch to the
 * service's first registration seen by the catalog's own watch; then the profile's
 * {@code footprintAgents} (ten in the full profile) started from that one folder idle at once, each registered, and their RSS, PSS and USS read
 * at the end ({@link MemoryShare}).
 */
final class LauncherFootprint {

    /** The system property (or, upper-cased with dots as underscores, environment variable) naming a ContainerPilot 2.7.8 binary. */
    static final String CONTAINERPILOT_PROPERTY = "pilot.bench.containerpilot";
    private static final String WARM_UP = "tbwarmup";
    static final String TARBALL = "bin/pilot (jlink runtime, lib/pilot.jvm, AOT cache from packaging)";
    static final String RUNTIME = "runtime/bin/java @lib/pilot.jvm (no AOT cache) running a class that only sleeps";
    /** The backend of the runtime's row, which runs on none. */
    private static final String NO_BACKEND = "none";

    private LauncherFootprint() {}

    static List<FootprintRow> rows(RunContext context) {
        List<FootprintRow> rows = new ArrayList<>();
        Optional<Path> tarball = DistTarball.find();
        Optional<Path> jar = AgentArtifact.find();
        Optional<Path> containerPilot = containerPilot();
        context.log("launcher footprint: %d starts per backend and launcher, then %d agents %s idle", context.profile().footprintStarts(),
                context.profile().footprintAgents(), context.profile().footprintIdle());
        if (tarball.isPresent()) {
            rows.add(runtimeAlone(context, tarball.get()));
        } else {
            rows.add(notMeasured(Launcher.RUNTIME, NO_BACKEND, RUNTIME, DistTarball.NOT_AVAILABLE));
        }
        for (String backend : context.backends()) {
            Catalog catalog = context.catalogs().open(backend);
            warmUp(catalog);
            if (tarball.isPresent()) {
                Path folder = temporaryFolder();
                try {
                    Path launcher = DistTarball.unpack(tarball.get(), folder);
                    rows.add(measure(context, catalog, new Launcher(Launcher.TARBALL, TARBALL, List.of(launcher.toString()),
                            megabytes(tarball.get()),
                            context.profile().footprintImages() ? oneBackendArchiveMb(folder, backend) : 0)));
                } finally {
                    delete(folder);
                }
            } else {
                rows.add(notMeasured(Launcher.TARBALL, backend, TARBALL, DistTarball.NOT_AVAILABLE));
            }
            String jvm = "java " + String.join(" ", AgentLaunch.FLAGS) + " -jar agent/target/pilot.jar (running JDK)";
            if (jar.isPresent()) {
                List<String> command = new ArrayList<>(List.of(JavaProcess.java().toString()));
                command.addAll(AgentLaunch.FLAGS);
                command.addAll(List.of("-jar", jar.get().toString()));
                rows.add(measure(context, catalog, new Launcher(Launcher.JVM, jvm, command, 0, 0)));
            } else {
                rows.add(notMeasured(Launcher.JVM, backend, jvm, AgentArtifact.NOT_AVAILABLE));
            }
            String reference = FootprintSection.REFERENCE + " (static Go binary)";
            if (containerPilot.isPresent()) {
                rows.add(measure(context, catalog, new Launcher(Launcher.CONTAINERPILOT, reference,
                        List.of(containerPilot.get().toString()), megabytes(containerPilot.get()), 0)));
            } else {
                rows.add(notMeasured(Launcher.CONTAINERPILOT, backend, reference, "not measured by this run: no "
                        + FootprintSection.REFERENCE + " binary (-D" + CONTAINERPILOT_PROPERTY + "=PATH)"));
            }
        }
        return rows;
    }

    private static FootprintRow measure(RunContext context, Catalog catalog, Launcher launcher) {
        String backend = catalog.backend();
        String name = launcher.rowName(backend);
        List<Long> times = new ArrayList<>();
        for (int run = 0; run < context.profile().footprintStarts(); run++) {
            String service = "fs" + launcher.kind().charAt(0) + backend.charAt(0) + run;
            try (AgentProcess agent = AgentProcess.launch(launcher.command(), AgentFootprint.config(catalog, service),
                    Duration.ofMinutes(2))) {
                Optional<Long> time = AgentFootprint.awaitRegistration(catalog, agent, service);
                if (time.isEmpty()) {
                    return failed(launcher, backend, "no registration within " + AgentFootprint.REGISTRATION_DEADLINE.toSeconds()
                            + " s: " + agent.outputTail());
                }
                times.add(time.get());
            }
        }
        double startLoad = Machine.currentLoadAverage();
        Duration idle = context.profile().footprintIdle();
        int count = context.profile().footprintAgents();
        List<AgentProcess> agents = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                String service = "fi" + launcher.kind().charAt(0) + backend.charAt(0) + i;
                AgentProcess agent = AgentProcess.launch(launcher.command(), AgentFootprint.config(catalog, service),
                        idle.plus(Duration.ofMinutes(2)));
                agents.add(agent);
                if (AgentFootprint.awaitRegistration(catalog, agent, service).isEmpty()) {
                    return failed(launcher, backend, "idle agent " + i + " did not register: " + agent.outputTail());
                }
            }
            ProcessSampler sampler = ProcessSampler.start(agents.getFirst().pid(), Duration.ofSeconds(1));
            LockSupport.parkNanos(idle.toNanos());
            List<ProcessSampler.Sample> samples = sampler.stop();
            double load = Machine.currentLoadAverage();
            List<MemoryShare> shares = agents.stream().map(agent -> MemoryShare.of(agent.pid())).toList();
            Optional<AgentProcess> dead = agents.stream().filter(agent -> !agent.isAlive()).findFirst();
            if (dead.isPresent() || shares.stream().anyMatch(share -> !share.measured())) {
                return failed(launcher, backend, "an idle agent exited: " + dead.map(AgentProcess::outputTail).orElse(""));
            }
            double rss = shares.stream().mapToLong(MemoryShare::rssKb).sum() / 1024.0 / count;
            double pss = shares.stream().mapToLong(MemoryShare::pssKb).sum() / 1024.0 / count;
            double uss = shares.stream().mapToLong(MemoryShare::ussKb).sum() / 1024.0 / count;
            String note = (launcher.kind().equals(Launcher.TARBALL) ? "first start after unpacking: " + times.getFirst() + " ms; " : "")
                    + "load " + String.format(java.util.Locale.ROOT, "%.2f", startLoad) + " during the starts";
            return new FootprintRow(name, launcher.description(), Status.MEASURED, note, times, AgentFootprint.median(times),
                    samples.isEmpty() ? 0 : samples.getLast().seconds(), rss, samples, backend,
                    launcher.kind().equals(Launcher.TARBALL), launcher.kind(), count, uss, pss, launcher.archiveMb(),
                    launcher.oneBackendArchiveMb(), load);
        } finally {
            agents.forEach(AgentProcess::close);
        }
    }

    /**
     * The floor under every tarball row: the profile's {@code footprintAgents} JVMs of the tarball's
     * runtime with {@code lib/pilot.jvm}, no AOT cache, each running {@link IdleJvm}, started from
     * one unpacked folder and idling at once as long as the agents do; their RSS, PSS and USS.
     */
    private static FootprintRow runtimeAlone(RunContext context, Path tarball) {
        Launcher launcher = new Launcher(Launcher.RUNTIME, RUNTIME, List.of(), 0, 0);
        Duration idle = context.profile().footprintIdle();
        int count = context.profile().footprintAgents();
        Path folder = temporaryFolder();
        List<Process> jvms = new ArrayList<>();
        try {
            Path home = DistTarball.unpack(tarball, folder).getParent().getParent();
            Path classes = Path.of(IdleJvm.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            List<String> command = List.of(home.resolve("runtime/bin/java").toString(), "@" + home.resolve("lib/pilot.jvm"),
                    "-cp", classes.toString(), IdleJvm.class.getName(), Long.toString(idle.plus(Duration.ofMinutes(2)).toSeconds()));
            for (int i = 0; i < count; i++) {
                jvms.add(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
            }
            LockSupport.parkNanos(idle.toNanos());
            double load = Machine.currentLoadAverage();
            List<MemoryShare> shares = jvms.stream().map(jvm -> MemoryShare.of(jvm.pid())).toList();
            if (jvms.stream().anyMatch(jvm -> !jvm.isAlive()) || shares.stream().anyMatch(share -> !share.measured())) {
                return failed(launcher, NO_BACKEND, "a JVM exited before its memory was read: " + String.join(" ", command));
            }
            return new FootprintRow(launcher.rowName(NO_BACKEND), RUNTIME, Status.MEASURED,
                    "the floor of every tarball row: no class of the agent, no AOT cache", List.of(), 0,
                    idle.toSeconds(), shares.stream().mapToLong(MemoryShare::rssKb).sum() / 1024.0 / count, List.of(),
                    NO_BACKEND, false, Launcher.RUNTIME, count, shares.stream().mapToLong(MemoryShare::ussKb).sum() / 1024.0 / count,
                    shares.stream().mapToLong(MemoryShare::pssKb).sum() / 1024.0 / count, 0, 0, load);
        } catch (IOException | java.net.URISyntaxException e) {
            return failed(launcher, NO_BACKEND, e.toString());
        } finally {
            jvms.forEach(Process::destroyForcibly);
            delete(folder);
        }
    }

    private static FootprintRow failed(Launcher launcher, String backend, String why) {
        return notMeasured(launcher.kind(), backend, launcher.description(), "failed: " + why);
    }

    private static FootprintRow notMeasured(String kind, String backend, String description, String note) {
        Launcher launcher = new Launcher(kind, description, List.of(), 0, 0);
        return new FootprintRow(launcher.rowName(backend), description, note.startsWith("failed") ? Status.FAILED : Status.NOT_MEASURED,
                note, List.of(), 0, 0, 0, List.of(), backend, kind.equals(Launcher.TARBALL), kind, 0, 0, 0, 0, 0, 0);
    }

    private static Optional<Path> containerPilot() {
        String path = System.getProperty(CONTAINERPILOT_PROPERTY,
                System.getenv(CONTAINERPILOT_PROPERTY.toUpperCase(java.util.Locale.ROOT).replace('.', '_')));
        return path == null || path.isBlank() || !Files.isExecutable(Path.of(path)) ? Optional.empty() : Optional.of(Path.of(path));
    }

    /** The unpacked tarball in {@code folder} packed again as scripts/dist packs it (tar, xz -9), without the other backends' folders. */
    private static double oneBackendArchiveMb(Path folder, String backend) {
        try (var tops = Files.list(folder)) {
            Path top = tops.findFirst().orElseThrow();
            StringBuilder command = new StringBuilder("tar --sort=name --owner=0 --group=0 --numeric-owner");
            try (var backends = Files.list(top.resolve("lib/backends"))) {
                backends.map(path -> path.getFileName().toString()).filter(name -> !name.equals(backend))
                        .forEach(other -> command.append(" --exclude=").append(top.getFileName()).append("/lib/backends/").append(other));
            }
            command.append(" -C \"$1\" -cf - \"$2\" | xz -9 -T1 | wc -c");
            Process packing = new ProcessBuilder("bash", "-o", "pipefail", "-c", command.toString(), "bash", folder.toString(), top.getFileName().toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String bytes = new String(packing.getInputStream().readAllBytes()).strip();
            return packing.waitFor() == 0 && bytes.matches("\\d+") ? Long.parseLong(bytes) / 1_000_000.0 : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private static double megabytes(Path file) {
        try {
            return Files.size(file) / 1_000_000.0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
