package dev.pilot.agent.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pilot.agent.config.template.Template;
import dev.pilot.agent.config.template.TemplateException;
import dev.pilot.discovery.ConfigException;
import java.util.Map;

/**
 * Reads a configuration: the text from its {@link ConfigSource}, rendered as a template over the
 * environment, parsed as JSON, validated by a {@link ConfigParser}.
 */
public final class ConfigLoader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConfigParser parser;

    public ConfigLoader(ConfigParser parser) {
        this.parser = parser;
    }

    /**
     * @throws ConfigException naming the key path (or the JSON line and column, or the template
     *                         line) of the first mistake
     */
    public AgentConfig load(ConfigSource source, Map<String, String> environment) {
        return parser.parse(parseJson(render(source, environment)));
    }

    /** The configuration text after templating: what {@code -template} prints. */
    public static String render(ConfigSource source, Map<String, String> environment) {
        try {
            return Template.render(source.read(), environment);
        } catch (TemplateException e) {
            throw new ConfigException("config", "could not apply template: " + e.getMessage());
        }
    }

    static Object parseJson(String text) {
        try {
            return JSON.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new ConfigException("config", "JSON syntax error" + where + ": " + withoutSource(e.getOriginalMessage())
                    + (at == null ? "" : excerpt(text, at.getLineNr(), at.getColumnNr())));
        }
    }

    /** Jackson's message without its note on where the enclosing array or object started. */
    private static String withoutSource(String message) {
        int note = message.indexOf(" (for ");
        return note < 0 ? message : message.substring(0, note);
    }

    /** The offending line and a marker under the column. */
    private static String excerpt(String text, int line, int column) {
        String[] lines = text.split("\n", -1);
        if (line < 1 || line > lines.length) {
            return "";
        }
        String offending = lines[line - 1].stripTrailing();
        return "\n    " + offending + "\n    " + " ".repeat(Math.max(0, column - 1)) + "^";
    }
}
