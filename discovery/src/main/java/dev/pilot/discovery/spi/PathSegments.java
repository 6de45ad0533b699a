package dev.pilot.discovery.spi;

import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ConfigException;

/**
 * The rule for a name a catalog stores as one segment of a path (a key path, a node path, a URL
 * path): not empty, not {@code .} or {@code ..}, no {@code /}, no NUL or other control character,
 * none of the catalog's own {@code alsoRefused} characters. For backends'
 * {@link ServiceBackend#checkName}.
 */
public final class PathSegments {

    private PathSegments() {}

    /**
     * Throws a {@link ConfigException} naming {@code key} when {@code name} cannot be one path
     * segment.
     *
     * @param alsoRefused characters the catalog refuses besides the common ones, e.g. {@code "?#"}
     */
    public static void check(String key, String name, String alsoRefused) {
        String problem = problem(name, alsoRefused);
        if (problem != null) {
            throw new ConfigException(key, problem);
        }
    }

    /** Why {@code name} cannot be one path segment ("expected …, got …"), or null when it can. */
    public static String problem(String name, String alsoRefused) {
        boolean refused = name.isEmpty() || name.equals(".") || name.equals("..")
                || name.chars().anyMatch(c -> c == '/' || c < 0x20 || c == 0x7f || alsoRefused.indexOf(c) >= 0);
        if (!refused) {
            return null;
        }
        StringBuilder characters = new StringBuilder("'/'");
        alsoRefused.chars().forEach(c -> characters.append(", '").append((char) c).append('\''));
        return "expected a name usable as one path segment (not empty, not '.' or '..', no " + characters
                + " or control character), got " + ConfigMap.describe(name);
    }
}
