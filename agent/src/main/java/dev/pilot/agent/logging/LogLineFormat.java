package dev.pilot.agent.logging;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.pilot.agent.config.LoggingConfig;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * Writes one log line in one of ContainerPilot's formats:
 * <ul>
 *   <li>{@code default}: {@code 2017/06/01 12:00:00 message} (fields dropped), Go's standard logger;</li>
 *   <li>{@code text}: {@code time="2017-06-01T12:00:00Z" level=info msg="message" process=web.health}, logrus's;</li>
 *   <li>{@code json}: {@code {"level":"info","msg":"message","process":"web.health","time":"..."}}.</li>
 * </ul>
 */
final class LogLineFormat {

    private static final DateTimeFormatter DEFAULT_TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss");
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private LogLineFormat() {}

    static String format(LoggingConfig.Format format, Instant time, String level, String message,
                         Map<String, String> fields) {
        ZonedDateTime local = time.atZone(ZoneId.systemDefault());
        return switch (format) {
            case DEFAULT -> DEFAULT_TIME.format(local) + " " + message;
            case TEXT -> {
                StringBuilder line = new StringBuilder()
                        .append("time=\"").append(RFC3339.format(local.truncatedTo(ChronoUnit.SECONDS))).append('"')
                        .append(" level=").append(level)
                        .append(" msg=").append(textValue(message));
                fields.forEach((k, v) -> line.append(' ').append(k).append('=').append(textValue(v)));
                yield line.toString();
            }
            case JSON -> {
                StringBuilder line = new StringBuilder("{");
                jsonField(line, "level", level);
                jsonField(line, "msg", message);
                fields.forEach((k, v) -> jsonField(line, k, v));
                jsonField(line, "time", RFC3339.format(local.truncatedTo(ChronoUnit.SECONDS)));
                line.setLength(line.length() - 1);
                yield line.append('}').toString();
            }
        };
    }

    /** logrus quotes a value unless it is a plain word. */
    private static String textValue(String value) {
        if (!value.isEmpty() && value.chars().allMatch(c -> Character.isLetterOrDigit(c) || "-._/@^+".indexOf(c) >= 0)) {
            return value;
        }
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(value)) + "\"";
    }

    private static void jsonField(StringBuilder line, String key, String value) {
        JsonStringEncoder encoder = JsonStringEncoder.getInstance();
        line.append('"').append(encoder.quoteAsString(key)).append("\":\"").append(encoder.quoteAsString(value)).append("\",");
    }
}
