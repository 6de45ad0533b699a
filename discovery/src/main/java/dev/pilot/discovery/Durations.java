package dev.pilot.discovery;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses durations the way ContainerPilot's configuration writes them: Go's syntax
 * ({@code 1500ms}, {@code 1h30m}, {@code 2.5s}; units {@code ns us µs ms s m h}) or a bare whole
 * number of seconds.
 */
public final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)");
    private static final Pattern WHOLE = Pattern.compile("(?:" + PART.pattern() + ")+");

    private Durations() {}

    /**
     * @param key   the key path, for the message
     * @param value a {@code String} or a whole {@code Number} of seconds
     * @throws ConfigException naming {@code key} when {@code value} is not a duration
     */
    public static Duration parse(String key, Object value) {
        if (value instanceof Number number) {
            if (number.doubleValue() != Math.rint(number.doubleValue())) {
                throw new ConfigException(key, "expected a whole number of seconds or a duration such as \"1500ms\", got " + number);
            }
            return Duration.ofSeconds(number.longValue());
        }
        if (!(value instanceof String text)) {
            throw new ConfigException(key, "expected a duration such as \"10s\" or \"1500ms\", got " + ConfigMap.describe(value));
        }
        String trimmed = text.trim();
        if (trimmed.matches("-?\\d+")) {
            return Duration.ofSeconds(Long.parseLong(trimmed));
        }
        boolean negative = trimmed.startsWith("-");
        String body = negative || trimmed.startsWith("+") ? trimmed.substring(1) : trimmed;
        if (body.equals("0")) {
            return Duration.ZERO;
        }
        if (!WHOLE.matcher(body).matches()) {
            throw new ConfigException(key, "expected a duration such as \"10s\" or \"1500ms\", got \"" + text + "\"");
        }
        BigDecimal nanos = BigDecimal.ZERO;
        Matcher part = PART.matcher(body);
        while (part.find()) {
            nanos = nanos.add(new BigDecimal(part.group(1)).multiply(BigDecimal.valueOf(unitNanos(part.group(2)))));
        }
        Duration duration = Duration.ofNanos(nanos.longValue());
        return negative ? duration.negated() : duration;
    }

    private static long unitNanos(String unit) {
        return switch (unit) {
            case "ns" -> 1L;
            case "us", "µs", "μs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> throw new IllegalArgumentException(unit);
        };
    }
}
