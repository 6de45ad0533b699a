package dev.pilot.bench.reliability;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pilot.bench.JavaProcess;
import dev.pilot.bench.ProcessStats;
import dev.pilot.bench.agent.AgentLaunch;
import dev.pilot.bench.report.Charts;
import dev.pilot.discovery.Backends;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.testservers.ConsulServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The soak: the agent (its jar, as a separate process) registers and watches {@code services}
 * services in a Consul agent on 127.0.0.1 for {@code length}, while the catalog is restarted
 * (dev mode: empty again) every {@code restartEvery}; the agent's RSS, threads and open files are
 * sampled every 10 s and plotted. Bounded: it stops after {@code length}. The time reported is
 * the time measured; an agent that exits before the end fails the run ({@link Result#agentExited}).
 * Registrations lost at the end are counted {@code lostAfter} after the last check found them all
 * (the agent heartbeating meanwhile), by the independent client.
 */
final class Soak {

    /** One sample of the agent process. */
    record Sample(double seconds, double rssMb, long threads, long fds) {}

    /** What the soak saw (plain numbers and text: the results are JSON without extra modules). */
    record Result(long minutes, int services, int restarts, List<Sample> samples, List<Double> recoverSeconds,
                  int lostAtEnd, String log, double seconds, long lostAfterSeconds, String agentExited) {

        /** Whether the agent ran the whole soak (figures stored before this was recorded: unknown, null). */
        boolean failed() {
            return agentExited != null && !agentExited.isEmpty();
        }
    }

    private static final Duration SAMPLE_EVERY = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private Soak() {}

    static Result run(Path agentJar, int services, Duration length, Duration restartEvery, Duration lostAfter,
                      Path directory) {
        try (ConsulServer consul = ConsulServer.launch();
             ServiceBackend observer = Backends.fromClassPath().create("consul", Map.of("address", consul.address()))) {
            Files.createDirectories(directory);
            Path config = directory.resolve("soak-agent.json");
            JSON.writerWithDefaultPrettyPrinter().writeValue(config.toFile(), agentConfig(consul.address(), services));
            Path log = directory.resolve("soak-agent.log");
            List<String> command = new ArrayList<>(List.of(JavaProcess.java().toString()));
            command.addAll(AgentLaunch.FLAGS);
            command.addAll(List.of("-jar", agentJar.toString(), "-config", "file://" + config));
            Process agent = JavaProcess.start(command, log);
            List<ServiceDefinition> definitions = definitions(services);
            List<Sample> samples = new ArrayList<>();
            List<Double> recoveries = new ArrayList<>();
            long start = System.nanoTime();
            long nextRestart = start + restartEvery.toNanos();
            long end = start + length.toNanos();
            int restarts = 0;
            try {
                FaultRun.until(Duration.ofSeconds(60), () -> FaultRun.registered(observer, definitions) == services);
                while (System.nanoTime() < end && agent.isAlive()) {
                    samples.add(sample(agent.pid(), (System.nanoTime() - start) / 1e9));
                    if (System.nanoTime() >= nextRestart) {
                        consul.restart(false);
                        long ready = System.nanoTime();
                        restarts++;
                        boolean back = FaultRun.until(Duration.ofSeconds(60),
                                () -> FaultRun.registered(observer, definitions) == services);
                        recoveries.add(back ? (System.nanoTime() - ready) / 1e9 : Double.NaN);
                        nextRestart += restartEvery.toNanos();
                    }
                    FaultRun.pause(SAMPLE_EVERY);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                if (!agent.isAlive()) {
                    return new Result(length.toMinutes(), services, restarts, samples, recoveries, services, log.toString(),
                            seconds, 0, "exited with " + agent.exitValue() + " after " + Math.round(seconds) + " s");
                }
                FaultRun.until(Duration.ofSeconds(30), () -> FaultRun.registered(observer, definitions) == services);
                FaultRun.pause(lostAfter); // the agent heartbeats on: what is missing now did not stay
                int lost = services - FaultRun.registered(observer, definitions);
                String exited = agent.isAlive() ? "" : "exited with " + agent.exitValue() + " while lost registrations were counted";
                return new Result(length.toMinutes(), services, restarts, samples, recoveries, lost, log.toString(),
                        seconds, lostAfter.toSeconds(), exited);
            } finally {
                JavaProcess.stop(agent, Duration.ofSeconds(15));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> agentConfig(String address, int services) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("consul", address);
        List<Object> serviceBlocks = new ArrayList<>();
        List<Object> upstreams = new ArrayList<>();
        for (int i = 0; i < services; i++) {
            serviceBlocks.add(Map.of("name", "soak-" + i, "port", 20_000 + i, "poll", 2, "ttl", 10,
                    "interfaces", List.of("static:127.0.0.1")));
            upstreams.add(Map.of("name", "soak-" + i, "poll", 10, "onChange", "true"));
        }
        config.put("services", serviceBlocks);
        config.put("backends", upstreams);
        return config;
    }

    /** The ids the agent gives its services (name-hostname), for the observer. */
    private static List<ServiceDefinition> definitions(int services) {
        String hostname = hostname();
        List<ServiceDefinition> definitions = new ArrayList<>();
        for (int i = 0; i < services; i++) {
            definitions.add(new ServiceDefinition("soak-" + i + "-" + hostname, "soak-" + i, 20_000 + i,
                    Duration.ofSeconds(10), List.of(), "127.0.0.1"));
        }
        return definitions;
    }

    private static String hostname() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Sample sample(long pid, double seconds) {
        long threads = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("Threads:")) {
                    threads = Long.parseLong(line.substring("Threads:".length()).trim());
                }
            }
        } catch (IOException e) {
            // the process ended: recorded as zero
        }
        long fds;
        try (var files = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            fds = files.count();
        } catch (IOException e) {
            fds = 0;
        }
        return new Sample(seconds, ProcessStats.rssKb(pid) / 1024.0, threads, fds);
    }

    /** Draws RSS, and threads with open files, against time. */
    static void plot(Result result, Path directory) {
        double[] x = result.samples().stream().mapToDouble(s -> s.seconds() / 60).toArray();
        Charts.lines(directory.resolve("soak-rss.png"), "Agent RSS during the soak (catalog restarted every 5 min)",
                "minutes", "MB", List.of(new Charts.Series("RSS", x,
                        result.samples().stream().mapToDouble(Sample::rssMb).toArray())));
        Charts.lines(directory.resolve("soak-threads-fds.png"), "Agent threads and open files during the soak",
                "minutes", "count", List.of(
                        new Charts.Series("threads", x, result.samples().stream().mapToDouble(Sample::threads).toArray()),
                        new Charts.Series("open files", x, result.samples().stream().mapToDouble(Sample::fds).toArray())));
    }
}
