package dev.pilot.agent.config;

import dev.pilot.discovery.ConfigException;
import dev.pilot.discovery.spi.ConfigMap;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A command to run: an executable (found on the {@code PATH}) and its arguments, run directly,
 * without a shell.
 *
 * <p>In the configuration a command is a string, split on white space ({@code "curl -f
 * localhost"}), or an array of the executable and its arguments ({@code ["sh", "-c", "a && b"]},
 * numbers written as they read).
 *
 * @param argv the executable and its arguments; never empty
 */
public record Command(List<String> argv) {

    public Command {
        argv = List.copyOf(argv);
        if (argv.isEmpty() || argv.getFirst().isBlank()) {
            throw new IllegalArgumentException("argv: expected an executable and its arguments, got " + argv);
        }
    }

    public static Command of(String... argv) {
        return new Command(List.of(argv));
    }

    /**
     * Reads a command from its configuration value.
     *
     * @throws ConfigException naming {@code key} when {@code raw} is not a non-empty string or array
     */
    public static Command parse(String key, Object raw) {
        String expected = "expected a command (a string, or an array of the executable and its arguments), got ";
        if (raw instanceof String text) {
            if (text.isBlank()) {
                throw new ConfigException(key, expected + ConfigMap.describe(raw));
            }
            // strip(), not trim(): trim() also removes control characters that isBlank() keeps, which left nothing
            return withoutNul(key, new Command(List.of(text.strip().split("\\s+"))));
        }
        if (raw instanceof List<?> list && !list.isEmpty()) {
            List<String> argv = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                Object element = list.get(i);
                switch (element) {
                    case String text -> argv.add(text);
                    case Number number -> argv.add(new BigDecimal(number.toString()).stripTrailingZeros().toPlainString());
                    case Boolean bool -> argv.add(bool.toString());
                    case null, default -> throw new ConfigException(key + "[" + i + "]",
                            "expected a string or a number, got " + ConfigMap.describe(element));
                }
            }
            if (argv.getFirst().isBlank()) {
                throw new ConfigException(key + "[0]", "expected the executable, got " + ConfigMap.describe(list.getFirst()));
            }
            return withoutNul(key, new Command(argv));
        }
        throw new ConfigException(key, expected + ConfigMap.describe(raw));
    }

    /** No executable or argument can hold a NUL: the operating system would cut it there. */
    private static Command withoutNul(String key, Command command) {
        for (int i = 0; i < command.argv().size(); i++) {
            if (command.argv().get(i).indexOf('\0') >= 0) {
                throw new ConfigException(key, "expected a command without NUL characters, got "
                        + ConfigMap.describe(String.join(" ", command.argv())));
            }
        }
        return command;
    }

    /** The executable's file name, for log lines. */
    public String executable() {
        return argv.getFirst();
    }

    /**
     * The command as a single line, for log lines: {@code 'curl -f localhost'}; a long one is
     * shortened ({@link ConfigMap#abbreviate}).
     */
    @Override
    public String toString() {
        return ConfigMap.abbreviate(String.join(" ", argv));
    }
}
