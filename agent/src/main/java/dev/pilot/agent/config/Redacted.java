package dev.pilot.agent.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A backend's raw configuration as it may be echoed (the {@code Loaded config:} line): every value
 * under a key that names a secret is replaced by {@code "***"}, and credentials written into an
 * address ({@code http://user:pass@host}) lose them. Keys are matched by what they contain, so a
 * backend's new secret-bearing key ({@code keyPassphrase}, {@code authToken}) is hidden without
 * being listed here.
 */
final class Redacted {

    static final String MASK = "***";

    /** Parts of a key's name that mark its value as a secret. */
    private static final List<String> SECRET_KEY_PARTS = List.of("token", "password", "passwd", "passphrase",
            "secret", "auth", "credential", "digest", "sasl", "jaas", "privatekey", "apikey");
    private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^/@\\s]+@");

    private Redacted() {}

    /** {@code raw} (a JSON value) with its secrets masked; the original is left as it is. */
    static Object of(Object raw) {
        return switch (raw) {
            case Map<?, ?> map -> {
                Map<String, Object> copy = new LinkedHashMap<>();
                map.forEach((key, value) -> copy.put(String.valueOf(key),
                        isSecretKey(String.valueOf(key)) && value != null ? MASK : of(value)));
                yield copy;
            }
            case List<?> list -> list.stream().map(Redacted::of).toList();
            case String text -> USER_INFO.matcher(text).replaceAll(MASK + "@");
            case null, default -> raw;
        };
    }

    static boolean isSecretKey(String key) {
        String folded = key.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
        return SECRET_KEY_PARTS.stream().anyMatch(folded::contains);
    }
}
