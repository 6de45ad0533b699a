package dev.pilot.agent;

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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The command line, ContainerPilot's: {@code pilot [-config CONFIG] [-template [-out OUT]]
 * [-version] [--] [main process and its arguments...]}. Flags end at the first argument that is
 * not one; everything from there on is the main process.
 */
@CommandLine.Command(name = "pilot", sortOptions = false, usageHelpAutoWidth = true,
        description = {"Registers this container's services in a catalog while their health checks pass,",
                "runs onChange commands when the services it depends on change, and supervises the",
                "main process: a ContainerPilot 2.7-compatible agent."},
        footerHeading = "%nExamples:%n",
        footer = {"  pilot -config file:///etc/pilot.json -- nginx -g 'daemon off;'",
                "  CONTAINERPILOT='{\"local\": \"/tmp/catalog\", \"services\": []}' pilot",
                "  pilot -config file:///etc/pilot.json -template -out file:///tmp/rendered.json",
                "",
                "Exit code: the main process's (128 + n if killed by signal n); 1 for a configuration",
                "error; 2 for a usage error; preStart's if it fails; postStop's if it fails."})
final class PilotCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(PilotCommand.class);

    @Option(names = {"-config", "--config"}, paramLabel = "CONFIG",
            description = {"The configuration: JSON text, or file://PATH to read it from a file",
                    "(default: the CONTAINERPILOT environment variable).",
                    "Example: -config file:///etc/containerpilot.json"})
    private String config;

    @Option(names = {"-template", "--template"},
            description = {"Render the configuration template, print it and exit.",
                    "Example: -config file:///etc/cp.json -template"})
    private boolean template;

    @Option(names = {"-out", "--out"}, paramLabel = "OUT", defaultValue = "-",
            description = {"With -template: where to write it, - for stdout (the default) or file://PATH.",
                    "Example: -template -out file:///tmp/rendered.json"})
    private String out;

    @Option(names = {"-version", "--version"}, description = {"Print the version and exit.", "Example: -version"})
    private boolean version;

    @Option(names = {"-h", "-help", "--help"}, usageHelp = true, description = "Print this help and exit.")
    private boolean help;

    @Parameters(paramLabel = "MAIN", arity = "0..*",
            description = "The main process and its arguments (each rendered as a template first).")
    private List<String> mainArgs = new ArrayList<>();

    static CommandLine commandLine() {
        return new CommandLine(new PilotCommand())
                .setStopAtPositional(true)
                .setPosixClusteredShortOptionsAllowed(false)
                .setUnmatchedOptionsArePositionalParams(false);
    }

    @Override
    public Integer call() throws Exception {
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
            Backends backends = Backends.fromClassPath();
            ConfigLoader loader = new ConfigLoader(new ConfigParser(backends.names(), Hostname.get(),
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
