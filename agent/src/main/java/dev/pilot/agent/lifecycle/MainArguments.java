package dev.pilot.agent.lifecycle;

import dev.pilot.agent.config.Command;
import dev.pilot.agent.config.template.Template;
import dev.pilot.agent.config.template.TemplateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The main process's arguments as given on the command line. Each is rendered as a template
 * once the configuration is loaded, so {@code {{ .CONTAINERPILOT_APP_IP }}} works; if any fails
 * to render, all are used as given (as ContainerPilot did).
 *
 * @param raw the arguments after the agent's flags; empty for no main process
 */
public record MainArguments(List<String> raw) {

    private static final Logger LOG = LoggerFactory.getLogger(MainArguments.class);

    public MainArguments {
        raw = List.copyOf(raw);
    }

    Optional<Command> render(Map<String, String> environment) {
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        List<String> rendered = new ArrayList<>();
        try {
            for (String arg : raw) {
                rendered.add(Template.render(arg, environment));
            }
        } catch (TemplateException e) {
            LOG.warn("could not apply template to the main process's arguments ({}): using them as given", e.getMessage());
            rendered = raw;
        }
        return Optional.of(new Command(rendered));
    }
}
