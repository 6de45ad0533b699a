package dev.pilot.agent.lifecycle;

import dev.pilot.agent.config.AgentConfig;
import dev.pilot.agent.config.Command;
import dev.pilot.agent.config.ConfigLoader;
import dev.pilot.agent.config.ConfigSource;
import dev.pilot.agent.config.ServiceConfig;
import dev.pilot.agent.logging.Logging;
import dev.pilot.agent.process.CommandRunner;
import dev.pilot.agent.process.Environment;
import dev.pilot.agent.process.OrphanReaper;
import dev.pilot.agent.process.ProcessLauncher;
import dev.pilot.discovery.Backends;
import dev.pilot.discovery.ConfigException;
import dev.pilot.discovery.ServiceBackend;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's lifecycle, run on one control thread: preStart, then the components of the
 * configuration and the main process, then signals and the main process's exit as events, one
 * at a time, until shutdown. Returns the exit code.
 *
 * <ul>
 *   <li>SIGTERM or SIGINT: stop polling, preStop, deregister every service, stop the main process
 *       (SIGTERM, SIGKILL after {@code stopTimeout}), postStop, exit with the main process's code
 *       (postStop's if it fails). A second SIGTERM/SIGINT (more than a second after the first)
 *       kills the hook or main process that holds the shutdown up.</li>
 *   <li>SIGHUP: reload the configuration; what changed is stopped, deregistered and started again.</li>
 *   <li>SIGUSR1: toggle maintenance.</li>
 *   <li>The main process exits by itself: stop polling, deregister, postStop, exit with its code.</li>
 * </ul>
 */
public final class Agent {

    private static final Logger LOG = LoggerFactory.getLogger(Agent.class);

    private final ConfigSource source;
    private final ConfigLoader loader;
    private final Backends backends;
    private final Environment environment;
    private final ProcessLauncher launcher;
    private final CommandRunner runner;
    private final MainArguments mainArguments;
    private final Maintenance maintenance = new Maintenance();
    private final ControlEvents events = new ControlEvents(this::onStop, this::hurry);
    private final TelemetryEndpoint telemetry = new TelemetryEndpoint();
    private final Hooks hooks;
    private final OrphanReaper reaper;

    private AgentConfig config;
    private Components components;
    private volatile MainProcess main;

    public Agent(ConfigSource source, ConfigLoader loader, Backends backends, Environment environment,
                 ProcessLauncher launcher, OrphanReaper reaper, MainArguments mainArguments) {
        this.reaper = reaper;
        this.source = source;
        this.loader = loader;
        this.backends = backends;
        this.environment = environment;
        this.launcher = launcher;
        this.runner = new CommandRunner(launcher);
        this.hooks = new Hooks(launcher, environment);
        this.mainArguments = mainArguments;
    }

    /**
     * Runs the agent with {@code initial} until it stops.
     *
     * @return the exit code
     * @throws ConfigException when the backend rejects its configuration (before anything runs)
     */
    public int run(AgentConfig initial) throws InterruptedException {
        config = initial;
        ServiceBackend backend = backends.create(config.backend().name(), config.backend().raw());
        try {
            checkNames(backend, config);
        } catch (ConfigException e) {
            backend.close();
            throw e;
        }
        environment.set("CONTAINERPILOT_PID", String.valueOf(ProcessHandle.current().pid()));
        exportAddresses(config);
        Signals.handle(events::onSignal, "TERM", "INT", "HUP", "USR1");
        if (OrphanReaper.needed()) {
            reaper.start();
        }
        if (config.preStart().isPresent()) {
            int code = hooks.run("preStart", config.preStart().get());
            if (events.stopping()) {
                backend.close();
                return code;
            }
            if (code != 0) {
                LOG.error("preStart '{}' failed with exit code {}", config.preStart().get(), code);
                backend.close();
                return code;
            }
        }
        components = new Components(backend, runner, environment, maintenance, telemetry.metrics());
        if (!telemetry.apply(config.telemetry())) {
            backend.close();
            return 1;
        }
        components.apply(config, telemetry.registry());
        Optional<Command> mainCommand = mainArguments.render(environment.snapshot());
        if (mainCommand.isPresent()) {
            startMain(mainCommand.get());
        } else {
            LOG.info("no main process given: running until SIGTERM");
        }
        return loop();
    }

    private int loop() throws InterruptedException {
        while (true) {
            switch (events.take()) {
                case ControlEvents.Terminate ignored -> {
                    return shutdown();
                }
                case ControlEvents.Reload ignored -> reload();
                case ControlEvents.ToggleMaintenance ignored -> toggleMaintenance();
                case ControlEvents.MainExited exited -> {
                    if (events.stopping()) {
                        continue; // the shutdown in progress collects the code
                    }
                    LOG.info("main process {} exited with {}", main, exited.code());
                    return finish(exited.code());
                }
            }
        }
    }

    private void startMain(Command command) {
        try {
            main = MainProcess.start(command, launcher);
            environment.set("CONTAINERPILOT_APP_PID", String.valueOf(main.pid()));
            main.exit().thenAccept(events::mainExited);
        } catch (IOException e) {
            LOG.error("could not start the main process '{}': {}", command, e.getMessage());
            events.mainExited(CommandRunner.NOT_STARTED);
        }
    }

    /** The first SIGTERM/SIGINT: during preStart, stop it; nothing else starts. */
    private void onStop() {
        if (components == null) {
            hooks.terminateRunning();
        }
    }

    /** A second SIGTERM/SIGINT during shutdown: kill whatever holds it up. */
    private void hurry(String signal) {
        LOG.warn("received SIG{} again: killing the running hook and the main process", signal);
        hooks.killRunning();
        MainProcess current = main;
        if (current != null) {
            current.kill();
        }
    }

    private int shutdown() throws InterruptedException {
        ShutdownSteps steps = components.stopPolling(new ShutdownSteps());
        config.preStop().ifPresent(command -> steps.run("preStop", () -> hooks.runLoggingFailure("preStop", command)));
        components.withdrawAll(steps);
        int code = 0;
        if (main != null) {
            code = stopMain(steps);
        }
        return afterMain(code, steps);
    }

    private int stopMain(ShutdownSteps steps) {
        int[] code = {1};
        steps.run("stop the main process", () -> {
            code[0] = main.stop(config.stopTimeout());
            LOG.info("main process {} exited with {}", main, code[0]);
        });
        return code[0];
    }

    /** The main process ended by itself. */
    private int finish(int code) throws InterruptedException {
        events.stopped();
        ShutdownSteps steps = components.stopPolling(new ShutdownSteps());
        components.withdrawAll(steps);
        return afterMain(code, steps);
    }

    /**
     * The rest of the shutdown, every step whatever one throws. The exit code is the main
     * process's (postStop's when postStop fails); 1 when a step failed and both succeeded.
     */
    private int afterMain(int code, ShutdownSteps steps) throws InterruptedException {
        components.stopAll(steps); // the coprocesses, which outlive the main process's shutdown
        int[] exit = {code};
        config.postStop().ifPresent(command -> steps.run("postStop", () -> {
            int postStop = hooks.run("postStop", command);
            if (postStop != 0) {
                LOG.error("postStop '{}' failed with exit code {}", command, postStop);
                exit[0] = postStop;
            }
        }));
        steps.run("close the backend", components.backend()::close);
        steps.run("close the telemetry endpoint", telemetry::close);
        steps.run("stop reaping orphans", reaper::close);
        boolean clean = steps.report();
        return exit[0] == 0 && !clean ? 1 : exit[0];
    }

    /**
     * Lets the backend refuse, before anything runs, the names it cannot store.
     *
     * @throws ConfigException naming the key of the first such name
     */
    private static void checkNames(ServiceBackend backend, AgentConfig loaded) {
        for (int i = 0; i < loaded.services().size(); i++) {
            ServiceConfig service = loaded.services().get(i);
            backend.checkName("services[" + i + "].name", service.name());
            backend.checkName("services[" + i + "].name", service.id());
        }
        for (int i = 0; i < loaded.upstreams().size(); i++) {
            backend.checkName("backends[" + i + "].name", loaded.upstreams().get(i).name());
        }
    }

    private void reload() {
        AgentConfig next;
        try {
            next = loader.load(source, environment.snapshot());
        } catch (ConfigException e) {
            LOG.error("reload: keeping the running configuration: {}", e.getMessage());
            return;
        }
        if (next.backend().equals(config.backend())) {
            try {
                checkNames(components.backend(), next);
            } catch (ConfigException e) {
                LOG.error("reload: keeping the running configuration: {}", e.getMessage());
                return;
            }
        }
        LOG.info("reloading {}", source);
        Logging.apply(next.logging());
        LOG.debug("Loaded config: {}", next);
        next.warnings().forEach(LOG::warn);
        exportAddresses(next);
        if (!next.backend().equals(config.backend())) {
            ServiceBackend replacement;
            try {
                replacement = backends.create(next.backend().name(), next.backend().raw());
            } catch (ConfigException e) {
                LOG.error("reload: keeping the running configuration: {}", e.getMessage());
                return;
            }
            try {
                checkNames(replacement, next);
            } catch (ConfigException e) {
                replacement.close();
                LOG.error("reload: keeping the running configuration: {}", e.getMessage());
                return;
            }
            ShutdownSteps steps = components.withdrawAll(components.stopPolling(new ShutdownSteps()));
            components.stopAll(steps);
            steps.run("close the backend", components.backend()::close);
            steps.report();
            components = new Components(replacement, runner, environment, maintenance, telemetry.metrics());
        }
        telemetry.apply(next.telemetry());
        components.apply(next, telemetry.registry());
        config = next;
    }

    private void toggleMaintenance() {
        if (maintenance.toggle()) {
            LOG.info("maintenance mode on: services leave the catalog, polling pauses");
            components.services().forEach(ServiceHeartbeat::markForMaintenance);
        } else {
            LOG.info("maintenance mode off: services register again once healthy");
            components.services().forEach(ServiceHeartbeat::checkSoon);
        }
    }

    private void exportAddresses(AgentConfig loaded) {
        for (ServiceConfig service : loaded.services()) {
            environment.set(Environment.variableName(service.name(), "IP"), service.address());
        }
        loaded.telemetry().ifPresent(t -> environment.set(Environment.variableName("containerpilot", "IP"), t.address()));
    }
}
