package dev.pilot.agent.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pilot.agent.config.AgentConfig;
import dev.pilot.agent.config.LoggingConfig;
import dev.pilot.agent.config.ServiceConfig;
import dev.pilot.agent.process.ChildProcesses;
import dev.pilot.agent.process.CommandRunner;
import dev.pilot.agent.process.Environment;
import dev.pilot.agent.process.ProcessLauncher;
import dev.pilot.agent.telemetry.AgentMetrics;
import dev.pilot.discovery.Backends;
import dev.pilot.discovery.ServiceBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shutdown runs every step whatever one throws: on a real (local) catalog, a service whose name
 * the catalog cannot store (what the agent now refuses at start) makes its deregistration throw;
 * the services after it are still deregistered and the failure is reported afterwards.
 */
class ShutdownTest {

    @TempDir
    Path work;
    private ServiceBackend catalog;

    @AfterEach
    void closeCatalog() {
        catalog.close();
    }

    private static ServiceConfig service(String name) {
        return new ServiceConfig(name, name + "-host", 8080, Duration.ofHours(1), Duration.ofHours(1), Optional.empty(),
                Duration.ZERO, "127.0.0.1", List.of(), Map.of());
    }

    @Test
    void everyServiceIsDeregisteredWhenOneDeregistrationThrows() {
        catalog = Backends.fromClassPath().create("local", work.resolve("catalog").toString());
        Components components = new Components(catalog,
                new CommandRunner(new ProcessLauncher(new ChildProcesses(), Environment.ofThisProcess())),
                Environment.ofThisProcess(), new Maintenance(), AgentMetrics.NONE);
        AgentConfig config = new AgentConfig(new AgentConfig.BackendChoice("local", null),
                List.of(service("first"), service("a/b"), service("last")), List.of(), Optional.empty(), Optional.empty(),
                Optional.empty(), Duration.ofSeconds(1), List.of(), List.of(), Optional.empty(), LoggingConfig.DEFAULT,
                List.of());
        components.apply(config, Optional.empty());
        Path first = work.resolve("catalog/first/first-host.json");
        Path last = work.resolve("catalog/last/last-host.json");
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(first) && Files.exists(last));

        ShutdownSteps steps = components.withdrawAll(components.stopPolling(new ShutdownSteps()));
        components.stopAll(steps);

        assertThat(first).doesNotExist();
        assertThat(last).doesNotExist();
        assertThat(steps.failed()).containsExactly("withdraw service \"a/b\"");
        assertThat(steps.report()).isFalse();
    }

    @Test
    void stepsRunTogetherAllRunAtOnceAndTheirFailuresAreCountedInOrder() {
        catalog = Backends.fromClassPath().create("local", work.resolve("catalog").toString());
        ShutdownSteps steps = new ShutdownSteps();
        int count = 20;
        CountDownLatch allStarted = new CountDownLatch(count);
        List<Map.Entry<String, ShutdownSteps.Step>> withdrawals = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            boolean fails = i == 3 || i == 17;
            withdrawals.add(Map.entry("withdraw " + i, () -> {
                allStarted.countDown();
                // one after another, the first would wait here for the others and give up
                if (!allStarted.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("ran alone");
                }
                if (fails) {
                    throw new IllegalStateException("catalog unreachable");
                }
            }));
        }

        steps.runTogether(withdrawals);

        assertThat(allStarted.getCount()).isZero();
        assertThat(steps.failed()).containsExactly("withdraw 3", "withdraw 17");
    }

    @Test
    void aStepThatThrowsIsCountedAndTheNextOneRuns() {
        catalog = Backends.fromClassPath().create("local", work.resolve("catalog").toString());
        ShutdownSteps steps = new ShutdownSteps();
        boolean[] ran = new boolean[1];

        steps.run("preStop", () -> {
            throw new IllegalStateException("boom");
        });
        steps.run("postStop", () -> ran[0] = true);

        assertThat(ran[0]).isTrue();
        assertThat(steps.failed()).containsExactly("preStop");
    }
}
