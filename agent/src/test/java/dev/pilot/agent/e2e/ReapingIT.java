package dev.pilot.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pilot.discovery.Backends;
import dev.pilot.discovery.ServiceBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent as PID 1 of a new PID namespace ({@code unshare --fork --pid --mount-proc}, which
 * needs root): a health check that leaves an orphan behind on every run must not leave zombies,
 * and the processes the JDK waits for (checks, the main process) must keep their exit codes.
 */
class ReapingIT {

    @TempDir
    Path work;

    @Test
    void orphansOfHealthChecksAreReapedAndTheMainProcessKeepsItsExitCode() throws Exception {
        Path orphans = work.resolve("orphans");
        Path catalog = work.resolve("catalog");
        Path config = work.resolve("agent.json");
        // each check forks a subshell that outlives it: an orphan, re-parented to PID 1 (the agent)
        Files.writeString(config, """
                {"local": "%s", "services": [{"name": "reaper", "port": 80, "poll": 1, "ttl": 5,
                  "interfaces": ["static:127.0.0.1"],
                  "health": ["sh", "-c", "(sleep 0.2; echo orphan >> %s) & exit 0"]}]}
                """.formatted(catalog, orphans));
        List<String> command = new ArrayList<>(List.of("unshare", "--fork", "--pid", "--mount-proc"));
        command.addAll(AgentProcess.command(config, "sh", "-c", "trap 'exit 5' TERM; while :; do sleep 0.1; done"));

        try (AgentProcess unshare = AgentProcess.start("pid1", command, Map.of());
             ServiceBackend observer = Backends.fromClassPath().create("local", catalog.toString())) {
            await().atMost(AgentEndToEndContract.AGENT_START).until(() -> agentPid(unshare) > 0);
            long agent = agentPid(unshare);
            await().atMost(AgentEndToEndContract.AGENT_START).until(() -> observer.instances("reaper", "").size() == 1);

            AtomicInteger mostZombies = new AtomicInteger();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
                mostZombies.accumulateAndGet(zombieChildren(agent), Math::max);
                return Files.exists(orphans) && Files.readAllLines(orphans).size() >= 5;
            });
            assertThat(mostZombies.get()).as("zombies seen at once under PID 1 (one may be caught before its reaping)")
                    .isLessThanOrEqualTo(1);
            await().atMost(Duration.ofSeconds(5)).until(() -> zombieChildren(agent) == 0);
            assertThat(observer.instances("reaper", "")).as("checks kept their exit code 0").hasSize(1);

            new ProcessBuilder("kill", "-TERM", String.valueOf(agent)).inheritIO().start().waitFor();
            assertThat(unshare.awaitExit(Duration.ofSeconds(20))).as("the main process's exit code, through unshare")
                    .isEqualTo(5);
        }
    }

    /** The agent: unshare's only child, PID 1 inside the namespace. */
    private static long agentPid(AgentProcess unshare) {
        return ProcessHandle.of(unshare.pid()).stream().flatMap(ProcessHandle::children)
                .filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false))
                .mapToLong(ProcessHandle::pid).findFirst().orElse(-1);
    }

    /** How many children of {@code pid} are zombies, read from /proc in this (the parent) namespace. */
    private static int zombieChildren(long pid) throws IOException {
        int zombies = 0;
        Path tasks = Path.of("/proc", String.valueOf(pid), "task");
        if (!Files.isDirectory(tasks)) {
            return 0;
        }
        List<String> children = new ArrayList<>();
        try (var threads = Files.list(tasks)) {
            for (Path thread : threads.toList()) {
                try {
                    String list = Files.readString(thread.resolve("children")).trim();
                    if (!list.isEmpty()) {
                        children.addAll(List.of(list.split("\\s+")));
                    }
                } catch (IOException e) {
                    // the thread ended
                }
            }
        }
        for (String child : children) {
            try {
                String stat = Files.readString(Path.of("/proc", child, "stat"));
                if (stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z")) {
                    zombies++;
                }
            } catch (IOException e) {
                // reaped meanwhile
            }
        }
        return zombies;
    }
}
