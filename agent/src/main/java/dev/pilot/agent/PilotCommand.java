package dev.pilot.agent;

import dev.pilot.agent.backend.InstalledBackends;
import dev.pilot.agent.config.AgentConfig;
import dev.pilot.agent.config.ConfigLoader;
import dev.pilot.agent.config.ConfigParser;
import dev.pilot.agent.config.ConfigSource;
import dev.pilot.agent.config.Hostname;
import dev.pilot.agent.config.LoggingConfig;
import dev.pilot.agent.config.net.Interfaces;
import dev.pilot.agent.lifecycle.Agent;
import dev.pilot.agent.lifecycle.MainArguments;
import dev.pilot.agent.logging.Logging;
import dev.pilot.agent.process.ChildProcesses;
import dev.pilot.agent.process.Environment;
import dev.pilot.agent.process.OrphanReaper;
import dev.pilot.agent.process.ProcessLauncher;
import dev.pilot.discovery.Backends;
import dev.pilot.discovery.ConfigException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command line, ContainerPilot's: {@code pilot [-config CONFIG] [-template [-out OUT]]
 * [-version] [--] [main process and its arguments...]} ({@link CommandLineFlags}), run: help,
 * version, the rendered template, or the agent.
 */
final class PilotCommand {

    private static final Logger LOG = LoggerFactory.getLogger(PilotCommand.class);

    private final String config;
    private final boolean template;
    private final String out;
    private final boolean version;
    private final List<String> mainArgs;

    private PilotCommand(CommandLineFlags flags) {
        this.config = flags.config();
        this.template = flags.template();
        this.out = flags.out();
        this.version = flags.version();
        this.mainArgs = flags.mainArgs();
    }

    /**
     * Runs the command line {@code args}; returns the exit code: 0 after help, 2 (and the usage on
     * stderr) for a command line that is not one, as Go's flag package does.
     */
    static int execute(String... args) throws InterruptedException {
        CommandLineFlags flags;
        try {
            flags = CommandLineFlags.parse(args);
        } catch (CommandLineFlags.UsageException e) {
            System.err.println(e.getMessage());
            System.err.print(CommandLineFlags.USAGE);
            return 2;
        }
        if (flags.help()) {
            System.out.print(CommandLineFlags.USAGE);
            return 0;
        }
        return new PilotCommand(flags).call();
    }

    private int call() throws InterruptedException {
        if (version) {
            System.out.println("Version: " + Version.VERSION);
            System.out.println("GitHash: " + Version.GIT_HASH);
            return 0;
        }
        Logging.apply(LoggingConfig.DEFAULT);
        String configValue = config != null ? config : System.getenv("CONTAINERPILOT");
        if (configValue == null || configValue.isBlank()) {
            LOG.error("-config flag is required (or the CONTAINERPILOT environment variable)");
            return 1;
        }
        ConfigSource source = ConfigSource.of(configValue);
        Environment environment = Environment.ofThisProcess();
        try {
            if (template) {
                return TemplateOutput.write(ConfigLoader.render(source, environment.snapshot()), out);
            }
            Backends backends = InstalledBackends.find();
            ConfigLoader loader = new ConfigLoader(new ConfigParser(backends, Hostname.get(),
                    Interfaces.ofThisHost()));
            AgentConfig agentConfig = loader.load(source, environment.snapshot());
            Logging.apply(agentConfig.logging());
            agentConfig.warnings().forEach(LOG::warn);
            LOG.debug("Loaded config: {}", agentConfig);
            ChildProcesses children = new ChildProcesses();
            ProcessLauncher launcher = new ProcessLauncher(children, environment);
            Agent agent = new Agent(source, loader, backends, environment, launcher, new OrphanReaper(children),
                    new MainArguments(mainArgs));
            return agent.run(agentConfig);
        } catch (ConfigException e) {
            LOG.error("configuration error: {}", e.getMessage());
            return 1;
        }
    }
}
