package dev.pilot.agent.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.pilot.agent.config.template.Template;
import dev.pilot.agent.config.template.TemplateException;
import dev.pilot.discovery.ConfigException;
import dev.pilot.discovery.support.JsonValues;
import dev.pilot.discovery.spi.ConfigMap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Reads a configuration: the text from its {@link ConfigSource}, rendered as a template over the
 * environment, parsed as JSON, validated by a {@link ConfigParser}.
 */
public final class ConfigLoader {

    /**
     * A key written twice in one object is a mistake (the last would silently win), never ignored.
     * Jackson's streaming parser, not an {@code ObjectMapper}: the configuration becomes maps,
     * lists and plain values ({@link JsonValues#read}), and a start builds no mapper (its
     * deserializers and the annotation proxies they look up cost a start tens of milliseconds).
     */
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

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
        try (JsonParser json = JSON.createParser(text)) {
            if (json.nextToken() == null) {
                throw new ConfigException("config", "JSON syntax error at line 1, column 1: no JSON value, the text is empty");
            }
            return JsonValues.read(json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null || at.getLineNr() < 1 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new ConfigException("config", "JSON syntax error" + where + ": " + plain(e.getOriginalMessage())
                    + (at == null ? "" : near(text, at.getLineNr(), at.getColumnNr())));
        } catch (IOException e) {
            throw new UncheckedIOException("reading JSON from a string", e); // a string cannot fail to be read
        }
    }

    /**
     * Jackson's message on one line, without its internals: no note on where the enclosing array
     * or object started, no source description, no character codes.
     */
    static String plain(String message) {
        String line = message == null ? "unreadable" : message.lines().findFirst().orElse("unreadable");
        for (String note : new String[] {" (for ", " (start marker", " at [Source"}) {
            int start = line.indexOf(note);
            if (start >= 0) {
                line = line.substring(0, start);
            }
        }
        return line.replaceAll(" \\(code \\d+\\)", "")
                .replaceAll("\\(CTRL-CHAR, code \\d+\\)", "a control character")
                .replace("was expecting", "expected")
                .strip();
    }

    /** The offending line, trimmed and shortened, for the same line of the message. */
    private static String near(String text, int line, int column) {
        String[] lines = text.split("\n", -1);
        if (line < 1 || line > lines.length || lines[line - 1].isBlank()) {
            return "";
        }
        String offending = lines[line - 1];
        int from = Math.max(0, Math.min(offending.length(), column - 1) - 30);
        return ", near: " + ConfigMap.abbreviate(offending.substring(from).strip());
    }
}
