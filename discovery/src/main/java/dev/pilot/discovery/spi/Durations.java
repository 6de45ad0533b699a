package dev.pilot.discovery.spi;

import dev.pilot.discovery.ConfigException;

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

    /** The longest duration: what a {@code long} of nanoseconds holds, about 292 years. */
    public static final Duration MAX = Duration.ofNanos(Long.MAX_VALUE);

    private Durations() {}

    /**
     * @param key   the key path, for the message
     * @param value a {@code String} or a whole {@code Number} of seconds
     * @throws ConfigException naming {@code key} when {@code value} is not a duration, or is longer
     *                         than {@link #MAX} either way
     */
    public static Duration parse(String key, Object value) {
        if (value instanceof Number number) {
            BigDecimal seconds;
            try {
                seconds = new BigDecimal(number.toString());
            } catch (NumberFormatException e) {
                seconds = null; // NaN, infinite
            }
            if (seconds == null || seconds.stripTrailingZeros().scale() > 0) {
                throw new ConfigException(key, "expected a whole number of seconds or a duration such as \"1500ms\", got "
                        + ConfigMap.describe(number));
            }
            return withinRange(key, value, seconds.multiply(BigDecimal.valueOf(1_000_000_000L)));
        }
        if (!(value instanceof String text)) {
            throw new ConfigException(key, "expected a duration such as \"10s\" or \"1500ms\", got " + ConfigMap.describe(value));
        }
        String trimmed = text.trim();
        if (trimmed.matches("-?\\d+")) {
            return withinRange(key, value, new BigDecimal(trimmed).multiply(BigDecimal.valueOf(1_000_000_000L)));
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
        Duration duration = withinRange(key, value, nanos);
        return negative ? duration.negated() : duration;
    }

    /**
     * {@code value} when it is positive: the rule a configuration record checks in its constructor.
     *
     * @param key the key path, for the message
     * @throws ConfigException naming {@code key} when {@code value} is null, zero or negative
     */
    public static Duration requirePositive(String key, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new ConfigException(key, "expected a positive duration, got " + (value == null ? "nothing" : "\"" + format(value) + "\""));
        }
        return value;
    }

    /** {@code value} in the syntax {@link #parse} reads, largest units first: {@code 1h30m}, {@code 1s500ms}, {@code 0s}. */
    public static String format(Duration value) {
        if (value.isZero()) {
            return "0s";
        }
        StringBuilder text = new StringBuilder(value.isNegative() ? "-" : "");
        long nanos = value.abs().toNanos();
        String[] units = {"h", "m", "s", "ms", "us", "ns"};
        long[] sizes = {3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L, 1L};
        for (int i = 0; i < units.length; i++) {
            if (nanos >= sizes[i]) {
                text.append(nanos / sizes[i]).append(units[i]);
                nanos %= sizes[i];
            }
        }
        return text.toString();
    }

    /** {@code nanos} as a duration, or an error when it is beyond {@link #MAX} either way. */
    private static Duration withinRange(String key, Object value, BigDecimal nanos) {
        if (nanos.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new ConfigException(key, "expected a duration of at most " + MAX.toHours() / 24 / 365
                    + " years (\"2562047h\"), got " + ConfigMap.describe(value));
        }
        return Duration.ofNanos(nanos.longValue());
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
