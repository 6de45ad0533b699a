package dev.pilot.agent.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The agent as a separate OS process, started with {@code agent/bin/pilot} on the packaged jar,
 * its output collected line by line (and echoed, prefixed, for the test log).
 */
final class AgentProcess implements AutoCloseable {

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private AgentProcess(Process process, String label) {
        this.process = process;
        this.reader = Thread.ofPlatform().daemon().name("agent-output-" + label).start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                    System.out.println("[agent " + label + "] " + line);
                }
            } catch (IOException e) {
                // process gone
            }
        });
    }

    /** The launcher script; the failsafe configuration points at it. */
    static Path launcher() {
        String configured = System.getProperty("pilot.agent.launcher");
        Path path = configured != null ? Path.of(configured) : Path.of("bin/pilot").toAbsolutePath();
        if (!Files.isExecutable(path)) {
            throw new IllegalStateException("agent launcher not found at " + path + ": run mvn verify (it packages the jar first)");
        }
        return path;
    }

    static List<String> command(Path config, String... mainProcess) {
        List<String> command = new ArrayList<>(List.of(launcher().toString(), "-config", "file://" + config));
        if (mainProcess.length > 0) {
            command.add("--");
            command.addAll(List.of(mainProcess));
        }
        return command;
    }

    static AgentProcess start(String label, List<String> command, Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        String jar = System.getProperty("pilot.agent.jar");
        if (jar != null) {
            builder.environment().put("PILOT_JAR", jar);
        }
        builder.environment().putAll(environment);
        return new AgentProcess(builder.start(), label);
    }

    long pid() {
        return process.pid();
    }

    /** Sends {@code signal} (e.g. "HUP") to the agent. */
    void signal(String signal) throws IOException, InterruptedException {
        int code = new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).inheritIO().start().waitFor();
        if (code != 0) {
            throw new IllegalStateException("kill -" + signal + " " + process.pid() + " exited with " + code);
        }
    }

    /** Waits for the agent to exit; returns its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("agent still running after " + timeout + "; output:\n" + String.join("\n", lines));
        }
        reader.join(Duration.ofSeconds(2));
        return process.exitValue();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    List<String> output() {
        return List.copyOf(lines);
    }

    boolean printed(String fragment) {
        return lines.stream().anyMatch(line -> line.contains(fragment));
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
