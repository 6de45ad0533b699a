package dev.pilot.discovery;

/**
 * A configuration value is wrong. The message names the key path, the value and what was
 * expected, e.g. {@code consul.address: expected host:port, got 'localhost'}. Secrets are never
 * part of the message.
 */
public class ConfigException extends RuntimeException {

    private final String key;

    public ConfigException(String key, String message) {
        super(key + ": " + message);
        this.key = key;
    }

    /** The full key path of the offending value, e.g. {@code consul.tls.caFile}. */
    public String key() {
        return key;
    }
}
