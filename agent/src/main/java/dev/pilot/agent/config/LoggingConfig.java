package dev.pilot.agent.config;

import dev.pilot.discovery.ConfigException;
import dev.pilot.discovery.spi.ConfigMap;
import java.util.Locale;

/**
 * The {@code logging} block.
 *
 * @param level  the least severe level printed
 * @param format {@code default} ({@code 2017/06/01 12:00:00 message}), {@code text} or {@code json}
 * @param output {@code stdout} or {@code stderr}
 */
public record LoggingConfig(Level level, Format format, Output output) {

    public enum Level { DEBUG, INFO, WARN, ERROR }

    public enum Format { DEFAULT, TEXT, JSON }

    public enum Output { STDOUT, STDERR }

    public static final LoggingConfig DEFAULT = new LoggingConfig(Level.INFO, Format.DEFAULT, Output.STDOUT);

    static LoggingConfig parse(ConfigMap block) {
        block.allowOnly("level", "format", "output");
        return new LoggingConfig(level(block), format(block), output(block));
    }

    private static Level level(ConfigMap block) {
        if (block.isPresent("level") && block.string("level").isEmpty()) {
            throw new ConfigException(block.path("level"), "expected one of debug, info, warn, error, fatal, panic, got "
                    + ConfigMap.describe(block.raw("level").orElse(null)));
        }
        String value = block.string("level", "info");
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "debug" -> Level.DEBUG;
            case "info" -> Level.INFO;
            case "warn", "warning" -> Level.WARN;
            // ContainerPilot's fatal and panic levels: only the most severe messages
            case "error", "fatal", "panic" -> Level.ERROR;
            default -> throw new ConfigException(block.path("level"),
                    "expected one of debug, info, warn, error, fatal, panic, got " + ConfigMap.describe(value));
        };
    }

    private static Format format(ConfigMap block) {
        String value = block.string("format", "default");
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "default" -> Format.DEFAULT;
            case "text" -> Format.TEXT;
            case "json" -> Format.JSON;
            default -> throw new ConfigException(block.path("format"),
                    "expected one of default, text, json, got \"" + value + "\"");
        };
    }

    private static Output output(ConfigMap block) {
        String value = block.string("output", "stdout");
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "stdout" -> Output.STDOUT;
            case "stderr" -> Output.STDERR;
            default -> throw new ConfigException(block.path("output"),
                    "expected stdout or stderr, got \"" + value + "\"");
        };
    }
}
