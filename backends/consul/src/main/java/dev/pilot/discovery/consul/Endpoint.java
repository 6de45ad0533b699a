package dev.pilot.discovery.consul;

import dev.pilot.discovery.ConfigException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An agent address as configurations write it: {@code host:port}, {@code [v6]:port}, or either
 * behind {@code http://} or {@code https://} (a trailing slash is allowed).
 *
 * @param schemeGiven whether the text named the scheme, rather than defaulting to http
 */
record Endpoint(String scheme, String host, int port, boolean schemeGiven, String key) {

    private static final Pattern ADDRESS = Pattern.compile(
            "(?:(?<scheme>[A-Za-z]+)://)?(?:\\[(?<v6>[0-9A-Fa-f:.]+)]|(?<host>[^:/\\[\\]\\s]+)):(?<port>\\d{1,5})/?");

    /**
     * @param key the key path, for the message
     * @throws ConfigException naming {@code key} when {@code text} is not an address
     */
    static Endpoint parse(String key, String text) {
        Matcher m = ADDRESS.matcher(text.trim());
        if (!m.matches()) {
            throw new ConfigException(key, "expected host:port or http(s)://host:port, got \"" + text + "\"");
        }
        String scheme = m.group("scheme") == null ? "http" : m.group("scheme").toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new ConfigException(key, "expected the scheme http or https, got \"" + text + "\"");
        }
        int port = Integer.parseInt(m.group("port")); // at most five digits; its range is the configuration's rule
        String host = m.group("v6") != null ? m.group("v6") : m.group("host");
        return new Endpoint(scheme, host, port, m.group("scheme") != null, key);
    }

    Endpoint withScheme(String newScheme) {
        return new Endpoint(newScheme, host, port, true, key);
    }
}
