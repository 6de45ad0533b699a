package dev.pilot.agent.lifecycle;

import dev.pilot.agent.config.TaskConfig;
import dev.pilot.agent.process.CommandRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One of {@code tasks}: its command every {@code frequency} (the first run one period after
 * start, as in ContainerPilot), killed when it outlives {@code timeout}; idle in maintenance.
 */
final class Task implements Component {

    private static final Logger LOG = LoggerFactory.getLogger(Task.class);

    private final TaskConfig config;
    private final CommandRunner runner;
    private final Maintenance maintenance;
    private Poller poller;

    Task(TaskConfig config, CommandRunner runner, Maintenance maintenance) {
        this.config = config;
        this.runner = runner;
        this.maintenance = maintenance;
    }

    @Override
    public void start() {
        String name = "task[" + config.name() + "]";
        poller = new Poller(name, config.frequency(), maintenance::isOn, () -> {
            CommandRunner.Outcome outcome = runner.run(name, config.command(), config.timeout());
            if (!outcome.succeeded() && !outcome.timedOut()) {
                LOG.debug("{} exited with {}", name, outcome.exitCode());
            }
        }).start(config.frequency());
    }

    @Override
    public void stop() {
        if (poller != null) {
            poller.close();
        }
    }
}
