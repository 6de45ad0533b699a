package dev.pilot.agent.config;

import dev.pilot.discovery.ConfigException;
import dev.pilot.discovery.spi.ConfigMap;
import dev.pilot.discovery.spi.Durations;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Optional;

/** The agent's typed reads beyond {@link ConfigMap}'s: seconds, commands, non-negative durations. */
final class Fields {

    private Fields() {}

    /**
     * A required whole number of seconds, greater than zero (ContainerPilot's {@code poll} and
     * {@code ttl}): a JSON number or a string of digits.
     */
    static Duration positiveSeconds(ConfigMap block, String key) {
        String expected = "expected a positive number of seconds";
        long seconds = wholeNumber(block, key, expected).orElse(0L);
        if (seconds <= 0) {
            throw new ConfigException(block.path(key), expected + ", got " + describe(block, key));
        }
        if (seconds > Durations.MAX.toSeconds()) {
            throw new ConfigException(block.path(key), expected + " up to " + Durations.MAX.toSeconds()
                    + ", got " + describe(block, key));
        }
        return Duration.ofSeconds(seconds);
    }

    /**
     * A required port number, 1 to 65535: a JSON integer or a string of digits, nothing else
     * ({@code 8080.0}, {@code 1e3} and {@code " 1 "} are mistakes, not ports).
     */
    static int port(ConfigMap block, String key) {
        String expected = "expected a port number from 1 to 65535";
        Object raw = block.raw(key).orElse(null);
        boolean integral = raw instanceof Integer || raw instanceof Long || raw instanceof BigInteger
                || raw instanceof String text && text.matches("\\d{1,5}");
        long port = integral ? wholeNumber(block, key, expected).orElse(0L) : 0;
        if (port < 1 || port > 65535) {
            throw new ConfigException(block.path(key), expected + ", got " + describe(block, key));
        }
        return (int) port;
    }

    /** A required non-blank string. */
    static String name(ConfigMap block, String key, String what) {
        Object raw = block.raw(key).orElse(null);
        if (raw instanceof String text && !text.isBlank()) {
            return text.trim();
        }
        throw new ConfigException(block.path(key), "expected a non-blank " + what + ", got " + ConfigMap.describe(raw));
    }

    /** An optional command. */
    static Optional<Command> command(ConfigMap block, String key) {
        return block.raw(key).map(raw -> Command.parse(block.path(key), raw));
    }

    /** A required command. */
    static Command requiredCommand(ConfigMap block, String key) {
        return command(block, key).orElseThrow(() -> new ConfigException(block.path(key),
                "expected a command (a string, or an array of the executable and its arguments), got nothing"));
    }

    /** An optional timeout: absent or zero means none; negative is an error. */
    static Duration timeout(ConfigMap block, String key) {
        Duration timeout = block.duration(key, Duration.ZERO);
        if (timeout.isNegative()) {
            throw new ConfigException(block.path(key), "expected a duration of zero (no limit) or more, got "
                    + ConfigMap.describe(block.raw(key).orElse(null)));
        }
        return timeout;
    }

    /**
     * A whole number ({@link ConfigMap#integer}: a JSON number or a string of digits), or empty
     * when absent; anything else is an error that says what the key expects.
     */
    static Optional<Long> wholeNumber(ConfigMap block, String key, String expected) {
        try {
            return block.integer(key);
        } catch (ConfigException e) {
            throw new ConfigException(block.path(key), expected + ", got " + describe(block, key));
        }
    }

    private static String describe(ConfigMap block, String key) {
        return ConfigMap.describe(block.raw(key).orElse(null));
    }
}
