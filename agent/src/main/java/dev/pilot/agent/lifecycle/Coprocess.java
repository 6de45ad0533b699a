package dev.pilot.agent.lifecycle;

import dev.pilot.agent.config.CoprocessConfig;
import dev.pilot.agent.process.CommandRunner;
import dev.pilot.agent.process.Environment;
import dev.pilot.agent.process.ProcessLauncher;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One of {@code coprocesses}: a long-running command beside the main process, its output logged.
 * When it exits it is restarted at once while its budget lasts ({@code restarts}: n restarts,
 * so n + 1 runs; {@code unlimited}); a reload that keeps it unchanged gives it a fresh budget
 * and starts it again if it had stopped for good. On stop it gets SIGTERM, then SIGKILL.
 */
final class Coprocess implements Component {

    private static final Logger LOG = LoggerFactory.getLogger(Coprocess.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final CoprocessConfig config;
    private final CommandRunner runner;
    private final Environment environment;
    private final String name;
    private long restartsLeft;
    private Process process;
    private Thread thread;
    private boolean stopped;

    Coprocess(CoprocessConfig config, CommandRunner runner, Environment environment) {
        this.config = config;
        this.runner = runner;
        this.environment = environment;
        this.name = "coprocess[" + config.name() + "]";
        this.restartsLeft = config.restarts();
    }

    @Override
    public synchronized void start() {
        if (thread == null || !thread.isAlive()) {
            thread = Thread.ofVirtual().name(name).start(this::supervise);
        }
    }

    /** A reload kept this coprocess: fresh budget, and running again if it had stopped for good. */
    void renew() {
        synchronized (this) {
            restartsLeft = config.restarts();
        }
        start();
    }

    private void supervise() {
        try {
            while (true) {
                Process running;
                synchronized (this) {
                    if (stopped) {
                        return;
                    }
                    try {
                        running = runner.startLogged(name, config.command());
                    } catch (IOException e) {
                        LOG.error("{}: could not run '{}': {}", name, config.command(), e.getMessage());
                        running = null;
                    }
                    process = running;
                    if (running != null) {
                        environment.set("CONTAINERPILOT_" + ("COPROCESS[" + config.name() + "]").toUpperCase(Locale.ROOT)
                                + "_PID", String.valueOf(running.pid()));
                    }
                }
                int code = running == null ? CommandRunner.NOT_STARTED : running.waitFor();
                synchronized (this) {
                    if (stopped) {
                        return;
                    }
                    if (restartsLeft <= 0) {
                        LOG.info("{} exited with {}; no restarts left", name, code);
                        return;
                    }
                    if (!config.restartsForever()) {
                        restartsLeft--;
                    }
                    LOG.info("{} exited with {}; restarting", name, code);
                }
            }
        } catch (InterruptedException e) {
            // stopped
        }
    }

    @Override
    public void stop() {
        Process running;
        Thread supervisor;
        synchronized (this) {
            stopped = true;
            running = process;
            supervisor = thread;
        }
        if (running != null && running.isAlive()) {
            running.destroy();
            try {
                if (!running.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    ProcessLauncher.killTree(running);
                }
            } catch (InterruptedException e) {
                ProcessLauncher.killTree(running);
                Thread.currentThread().interrupt();
            }
        }
        if (supervisor != null) {
            supervisor.interrupt();
            try {
                supervisor.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
