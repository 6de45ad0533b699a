package dev.pilot.bench.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pilot.bench.JavaProcess;
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
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * One agent run: {@code java <flags> -jar pilot.jar -config file://<config> sleep <seconds>} (or
 * another launcher in place of {@code java … -jar pilot.jar}),
 * its configuration written to a temporary file (ContainerPilot 2's JSON), its output kept for
 * error messages. The main process {@code sleep} bounds the run: the agent exits when it does.
 */
public final class AgentProcess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final Path directory;
    private final Process process;
    private final long startNanos;

    private AgentProcess(Path directory, Process process, long startNanos) {
        this.directory = directory;
        this.process = process;
        this.startNanos = startNanos;
    }

    /** Starts the agent with {@code config} for at most {@code lifetime}. */
    public static AgentProcess start(Path jar, List<String> flags, Map<String, Object> config, Duration lifetime) {
        List<String> launcher = new ArrayList<>();
        launcher.add(JavaProcess.java().toString());
        launcher.addAll(flags);
        launcher.addAll(List.of("-jar", jar.toString()));
        return launch(launcher, config, lifetime);
    }

    /** Starts the agent with {@code launcher} (e.g. the tarball's {@code bin/pilot}) and {@code config} for at most {@code lifetime}. */
    public static AgentProcess launch(List<String> launcher, Map<String, Object> config, Duration lifetime) {
        try {
            Path directory = Files.createTempDirectory("pilot-bench-agent");
            Path configFile = directory.resolve("pilot.json");
            JSON.writeValue(configFile.toFile(), config);
            List<String> command = new ArrayList<>(launcher);
            command.addAll(List.of("-config", "file://" + configFile, "sleep", Long.toString(lifetime.toSeconds())));
            long start = System.nanoTime();
            Process process = JavaProcess.start(command, directory.resolve("agent.out"));
            return new AgentProcess(directory, process, start);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the agent's configuration", e);
        }
    }

    /** {@link System#nanoTime()} just before the process was started. */
    public long startNanos() {
        return startNanos;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The end of the agent's output, for a failure's message. */
    public String outputTail() {
        StringBuilder out = new StringBuilder();
        for (String name : List.of("agent.out", "agent.out.err")) {
            try {
                out.append(Files.readString(directory.resolve(name)));
            } catch (IOException e) {
                // no output
            }
        }
        String text = out.toString().strip();
        return text.length() <= 400 ? text : "…" + text.substring(text.length() - 400);
    }

    /** For each of {@code texts}, how many lines of the agent's output so far contain it: one pass over the output. */
    public Map<String, Long> outputLinesContaining(List<String> texts) {
        Map<String, Long> counts = new LinkedHashMap<>();
        texts.forEach(text -> counts.put(text, 0L));
        visitOutputLines(line -> {
            texts.stream().filter(line::contains).forEach(text -> counts.merge(text, 1L, Long::sum));
            return true;
        });
        return counts;
    }

    /** The first line of the agent's output (stdout, then stderr) that contains {@code text}. */
    public Optional<String> firstOutputLineContaining(String text) {
        String[] first = new String[1];
        visitOutputLines(line -> {
            if (line.contains(text)) {
                first[0] = line;
            }
            return first[0] == null;
        });
        return Optional.ofNullable(first[0]);
    }

    /** Each line of the agent's output so far, stdout then stderr, until {@code visit} returns false. */
    private void visitOutputLines(Predicate<String> visit) {
        for (String name : List.of("agent.out", "agent.out.err")) {
            try (Stream<String> lines = Files.lines(directory.resolve(name))) {
                if (!lines.allMatch(visit)) {
                    return;
                }
            } catch (IOException | UncheckedIOException e) {
                // no output, or none that reads as text
            }
        }
    }

    /** SIGTERM (the agent deregisters and stops its main process), SIGKILL after a grace period. */
    @Override
    public void close() {
        close(STOP_GRACE);
    }

    /** As {@link #close()}, waiting up to {@code grace} for the agent to exit by itself. */
    public void close(Duration grace) {
        List<ProcessHandle> children = process.descendants().toList();
        JavaProcess.stop(process, grace);
        children.forEach(ProcessHandle::destroyForcibly);
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind
        }
    }
}
