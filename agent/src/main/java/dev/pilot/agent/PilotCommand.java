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
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * The command line, ContainerPilot's: {@code pilot [-config CONFIG] [-template [-out OUT]]
 * [-version] [--] [main process and its arguments...]}. Flags end at the first argument that is
 * not one; everything from there on is the main process.
 *
 * <p>The picocli model is built in code rather than from annotations: that spares start-up the
 * reflection over annotated fields and the proxies the JDK makes for annotations.
 */
final class PilotCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(PilotCommand.class);

    private final String config;
    private final boolean template;
    private final String out;
    private final boolean version;
    private final List<String> mainArgs;

    private PilotCommand(ParseResult parsed) {
        this.config = parsed.matchedOptionValue("-config", null);
        this.template = parsed.hasMatchedOption("-template");
        this.out = parsed.matchedOptionValue("-out", "-");
        this.version = parsed.hasMatchedOption("-version");
        this.mainArgs = parsed.matchedPositionalValue(0, List.<String>of());
    }

    static CommandLine commandLine() {
        CommandSpec spec = CommandSpec.create().name("pilot");
        spec.usageMessage().sortOptions(false).autoWidth(true)
                .description("Registers this container's services in a catalog while their health checks pass,",
                        "runs onChange commands when the services it depends on change, and supervises the",
                        "main process: a ContainerPilot 2.7-compatible agent.")
                .footerHeading("%nExamples:%n")
                .footer("  pilot -config file:///etc/pilot.json -- nginx -g 'daemon off;'",
                        "  CONTAINERPILOT='{\"local\": \"/tmp/catalog\", \"services\": []}' pilot",
                        "  pilot -config file:///etc/pilot.json -template -out file:///tmp/rendered.json",
                        "",
                        "Exit code: the main process's (128 + n if killed by signal n); 1 for a configuration",
                        "error; 2 for a usage error; preStart's if it fails; postStop's if it fails.");
        spec.addOption(OptionSpec.builder("-config", "--config").paramLabel("CONFIG").type(String.class)
                .description("The configuration: JSON text, or file://PATH to read it from a file",
                        "(default: the CONTAINERPILOT environment variable).",
                        "Example: -config file:///etc/containerpilot.json").build());
        spec.addOption(OptionSpec.builder("-template", "--template").arity("0").type(boolean.class)
                .description("Render the configuration template, print it and exit.",
                        "Example: -config file:///etc/cp.json -template").build());
        spec.addOption(OptionSpec.builder("-out", "--out").paramLabel("OUT").type(String.class)
                .description("With -template: where to write it, - for stdout (the default) or file://PATH.",
                        "Example: -template -out file:///tmp/rendered.json").build());
        spec.addOption(OptionSpec.builder("-version", "--version").arity("0").type(boolean.class)
                .description("Print the version and exit.", "Example: -version").build());
        spec.addOption(OptionSpec.builder("-h", "-help", "--help").arity("0").type(boolean.class).usageHelp(true)
                .description("Print this help and exit.").build());
        spec.addPositional(PositionalParamSpec.builder().paramLabel("MAIN").arity("0..*").type(List.class)
                .auxiliaryTypes(String.class)
                .description("The main process and its arguments (each rendered as a template first).").build());
        CommandLine commandLine = new CommandLine(spec)
                .setStopAtPositional(true)
                .setPosixClusteredShortOptionsAllowed(false)
                .setUnmatchedOptionsArePositionalParams(false);
        commandLine.setExecutionStrategy(parsed -> {
            if (CommandLine.printHelpIfRequested(parsed)) {
                return 0;
            }
            try {
                return new PilotCommand(parsed).call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new CommandLine.ExecutionException(commandLine, e.toString(), e);
            }
        });
        return commandLine;
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
