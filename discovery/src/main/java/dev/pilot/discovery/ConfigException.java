package dev.pilot.discovery;

/**
 * A configuration value is wrong. The message names the key path, the value and what was
 * expected, e.g. {@code consul.address: expected host:port, got 'localhost'}. Secrets are never
 * part of the message: credentials written into an address ({@code http://user:pass@host}) are
 * masked here, whoever built the message. The message is one line and at most about 300
 * characters, however long the value it quotes: control characters are escaped and a longer
 * message is cut, saying so.
 */
public class ConfigException extends RuntimeException {

    private static final int MAX_MESSAGE = 300;
    private static final java.util.regex.Pattern USER_INFO = java.util.regex.Pattern.compile("(?<=://)[^/@\\s\"']+@");

    private final String key;

    public ConfigException(String key, String message) {
        super(oneLine(key + ": " + message));
        this.key = key;
    }

    private static String oneLine(String raw) {
        String message = USER_INFO.matcher(raw).replaceAll("***@");
        StringBuilder line = new StringBuilder(Math.min(message.length(), MAX_MESSAGE) + 24);
        message.codePoints().limit(MAX_MESSAGE).forEach(c -> {
            if (Character.isISOControl(c)) {
                line.append(String.format("\\u%04x", c));
            } else {
                line.appendCodePoint(c);
            }
        });
        return message.length() <= MAX_MESSAGE ? line.toString() : line + "…(" + message.length() + " chars)";
    }

    /** The full key path of the offending value, e.g. {@code consul.tls.caFile}. */
    public String key() {
        return key;
    }
}
