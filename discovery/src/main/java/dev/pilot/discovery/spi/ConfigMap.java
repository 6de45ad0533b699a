package dev.pilot.discovery.spi;

import dev.pilot.discovery.ConfigException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed, path-aware reads from a configuration block as parsed from JSON (a {@code Map} of
 * {@code String}, {@code Number}, {@code Boolean}, {@code List} and {@code Map} values).
 *
 * <p>Every mistake becomes a {@link ConfigException} naming the full key path, the value and what
 * was expected. Keys match case-insensitively, as ContainerPilot's did inside blocks; a key this
 * block does not know is an error, never ignored ({@link #allowOnly}). Values read with
 * {@link #secret} are never printed.
 *
 * <p>Not thread-safe; read a block on one thread.
 */
public final class ConfigMap {

    private final String path;
    private final Map<String, Object> values = new LinkedHashMap<>();
    private final Map<String, String> originalKeys = new LinkedHashMap<>();

    private ConfigMap(String path, Map<?, ?> raw) {
        this.path = path;
        raw.forEach((key, value) -> {
            String k = String.valueOf(key);
            String folded = fold(k);
            if (originalKeys.containsKey(folded)) {
                throw new ConfigException(join(path, k), "duplicate key (keys match case-insensitively): '"
                        + originalKeys.get(folded) + "' and '" + k + "'");
            }
            originalKeys.put(folded, k);
            values.put(folded, value);
        });
    }

    /**
     * A block at {@code path}.
     *
     * @throws ConfigException when {@code raw} is not an object
     */
    public static ConfigMap of(String path, Object raw) {
        if (raw instanceof Map<?, ?> map) {
            return new ConfigMap(path, map);
        }
        throw new ConfigException(path, "expected an object, got " + describe(raw));
    }

    /** The key path of this block, e.g. {@code consul.tls}. */
    public String path() {
        return path;
    }

    /** The full key path of {@code key} in this block. */
    public String path(String key) {
        return join(path, key);
    }

    /**
     * Rejects any key outside {@code known}.
     *
     * @return this block
     * @throws ConfigException naming the first unknown key and listing the known ones
     */
    public ConfigMap allowOnly(String... known) {
        Set<String> allowed = new TreeSet<>();
        for (String key : known) {
            allowed.add(fold(key));
        }
        for (Map.Entry<String, String> key : originalKeys.entrySet()) {
            if (!allowed.contains(key.getKey())) {
                throw new ConfigException(path(key.getValue()), "unknown key; expected one of " + List.of(known));
            }
        }
        return this;
    }

    /** Whether {@code key} is written in this block at all, even as {@code null}. */
    public boolean isPresent(String key) {
        return values.containsKey(fold(key));
    }

    /** Whether {@code key} is present with a non-null value. */
    public boolean has(String key) {
        return values.get(fold(key)) != null;
    }

    /** The raw value of {@code key}, or empty when absent or null. */
    public Optional<Object> raw(String key) {
        return Optional.ofNullable(values.get(fold(key)));
    }

    /** A string value, or empty when absent. Blank strings count as absent. */
    public Optional<String> string(String key) {
        Object value = values.get(fold(key));
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String text)) {
            throw new ConfigException(path(key), "expected a string, got " + describe(value));
        }
        return text.isBlank() ? Optional.empty() : Optional.of(text.trim());
    }

    /** A string value, or {@code fallback} when absent. */
    public String string(String key, String fallback) {
        return string(key).orElse(fallback);
    }

    /** A required string value. */
    public String requireString(String key) {
        return string(key).orElseThrow(() -> new ConfigException(path(key), "expected a non-blank string, got "
                + describe(values.get(fold(key)))));
    }

    /** A secret (password, token): like {@link #string} but its value never appears in a message. */
    public Optional<String> secret(String key) {
        Object value = values.get(fold(key));
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String text)) {
            throw new ConfigException(path(key), "expected a string, got " + Echo.withArticle(Echo.typeName(value)) + " (value hidden)");
        }
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    /** A boolean, or {@code fallback} when absent. Accepts JSON booleans and "true"/"false". */
    public boolean bool(String key, boolean fallback) {
        Object value = values.get(fold(key));
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String text && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(text);
        }
        throw new ConfigException(path(key), "expected true or false, got " + describe(value));
    }

    /**
     * A whole number, or empty when absent. Accepts JSON integers and strings of digits
     * ({@code "10"}), as ContainerPilot did. A number outside the range of a {@code long}
     * ({@code 18446744073709551617}, {@code 1e30}) is an error, never wrapped or clamped.
     */
    public Optional<Long> integer(String key) {
        Object value = values.get(fold(key));
        if (value == null) {
            return Optional.empty();
        }
        Long whole = wholeNumber(value);
        if (whole == null) {
            String range = value instanceof Number || value instanceof String text && text.trim().matches("[-+]?\\d+")
                    ? " from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE : "";
            throw new ConfigException(path(key), "expected a whole number" + range + ", got " + describe(value));
        }
        return Optional.of(whole);
    }

    /** The whole number {@code value} holds within a {@code long}, or null. */
    private static Long wholeNumber(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger big) {
            return big.bitLength() < Long.SIZE ? big.longValue() : null;
        }
        if (value instanceof Number number) {
            return exactLong(number);
        }
        if (value instanceof String text && text.trim().matches("[-+]?\\d{1,18}")) {
            return Long.parseLong(text.trim());
        }
        return null;
    }

    /** A fractional JSON number that holds a whole number within a {@code long}, or null. */
    private static Long exactLong(Number number) {
        try {
            BigDecimal decimal = number instanceof BigDecimal d ? d : new BigDecimal(number.toString());
            return decimal.longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            return null; // a fraction, out of range, NaN or infinite
        }
    }

    /** A whole number in {@code [min, max]}, or {@code fallback} when absent. */
    public long integer(String key, long fallback, long min, long max) {
        long value = integer(key).orElse(fallback);
        if (value < min || value > max) {
            throw new ConfigException(path(key), "expected a whole number from " + min + " to " + max + ", got " + value);
        }
        return value;
    }

    /** A duration ({@link Durations} syntax), or {@code fallback} when absent. */
    public Duration duration(String key, Duration fallback) {
        Object value = values.get(fold(key));
        return value == null ? fallback : Durations.parse(path(key), value);
    }

    /** A positive duration, or {@code fallback} when absent. */
    public Duration positiveDuration(String key, Duration fallback) {
        Duration value = duration(key, fallback);
        if (value.isNegative() || value.isZero()) {
            throw new ConfigException(path(key), "expected a positive duration, got " + raw(key).map(ConfigMap::describe).orElse(value.toString()));
        }
        return value;
    }

    /** A list of strings; a single string counts as a list of one. Empty when absent. */
    public List<String> stringList(String key) {
        Object value = values.get(fold(key));
        if (value == null) {
            return List.of();
        }
        if (value instanceof String text) {
            return text.isBlank() ? List.of() : List.of(text.trim());
        }
        if (!(value instanceof List<?> list)) {
            throw new ConfigException(path(key), "expected a string or an array of strings, got " + describe(value));
        }
        List<String> result = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String text)) {
                throw new ConfigException(path(key) + "[" + i + "]", "expected a string, got " + describe(list.get(i)));
            }
            result.add(text);
        }
        return List.copyOf(result);
    }

    /** A nested block, or empty when absent. */
    public Optional<ConfigMap> map(String key) {
        Object value = values.get(fold(key));
        return value == null ? Optional.empty() : Optional.of(of(path(key), value));
    }

    /** Describes a value for an error message: strings quoted, others by JSON type ({@code "an array"}). */
    public static String describe(Object value) {
        return Echo.describe(value);
    }

    /**
     * {@code text} as it may be echoed in a message or log line: whole up to 64 characters, else
     * its first 64 and how long it was ({@code "aaa…(1048576 chars)"}), so a huge value cannot
     * flood a log; control characters (a NUL, a newline) are written as {@code \\u0000}.
     */
    public static String abbreviate(String text) {
        return Echo.abbreviate(text);
    }

    private static String join(String path, String key) {
        return path == null || path.isEmpty() ? key : path + "." + key;
    }

    private static String fold(String key) {
        return key.toLowerCase(Locale.ROOT);
    }
}
