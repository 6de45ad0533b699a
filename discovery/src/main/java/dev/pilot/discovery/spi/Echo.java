package dev.pilot.discovery.spi;

import java.util.List;
import java.util.Map;

/** How a configuration value is echoed in a message or log line: {@link ConfigMap#describe} and {@link ConfigMap#abbreviate}. */
final class Echo {

    /** Longest text echoed whole in a message or log line. */
    private static final int ECHO_LIMIT = 64;

    private Echo() {}

    /** Describes a value for an error message: strings quoted, others by JSON type. */
    static String describe(Object value) {
        if (value == null) {
            return "nothing";
        }
        if (value instanceof String text) {
            return "\"" + abbreviate(text) + "\"";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return abbreviate(String.valueOf(value));
        }
        return withArticle(typeName(value));
    }

    /**
     * {@code text} as it may be echoed in a message or log line: whole up to 64 characters, else
     * its first 64 and how long it was ({@code "aaa…(1048576 chars)"}), so a huge value cannot
     * flood a log; control characters (a NUL, a newline) are written as {@code \\u0000}.
     */
    static String abbreviate(String text) {
        if (text == null) {
            return "null";
        }
        String head = text.length() <= ECHO_LIMIT ? text : text.substring(0, ECHO_LIMIT);
        StringBuilder echoed = new StringBuilder(head.length() + 24);
        head.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                echoed.append(String.format("\\u%04x", c));
            } else {
                echoed.appendCodePoint(c);
            }
        });
        return text.length() <= ECHO_LIMIT ? echoed.toString() : echoed + "…(" + text.length() + " chars)";
    }

    static String withArticle(String noun) {
        return ("aeiou".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
    }

    static String typeName(Object value) {
        if (value instanceof String) {
            return "string";
        }
        if (value instanceof Number) {
            return "number";
        }
        if (value instanceof Boolean) {
            return "boolean";
        }
        if (value instanceof List<?>) {
            return "array";
        }
        if (value instanceof Map<?, ?>) {
            return "object";
        }
        return value.getClass().getSimpleName();
    }
}
