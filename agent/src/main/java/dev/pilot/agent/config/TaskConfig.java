package dev.pilot.agent.config;

import dev.pilot.discovery.ConfigException;
import dev.pilot.discovery.spi.ConfigMap;
import java.time.Duration;

/**
 * One entry of {@code tasks}: a command run periodically.
 *
 * @param name      the name in log lines; the command itself when the config names none
 * @param command   what to run
 * @param frequency how often, at least 1 ms
 * @param timeout   the time limit of one run, at least 1 ms; the frequency when not given
 */
public record TaskConfig(String name, Command command, Duration frequency, Duration timeout) {

    private static final Duration MINIMUM = Duration.ofMillis(1);

    static TaskConfig parse(ConfigMap block) {
        block.allowOnly("name", "command", "frequency", "timeout");
        Command command = Fields.requiredCommand(block, "command");
        if (!block.has("frequency")) {
            throw new ConfigException(block.path("frequency"), "expected a duration of at least 1ms such as \"10s\", got nothing");
        }
        Duration frequency = atLeastOneMillisecond(block, "frequency", null);
        Duration timeout = atLeastOneMillisecond(block, "timeout", frequency);
        return new TaskConfig(block.string("name", command.toString()), command, frequency, timeout);
    }

    private static Duration atLeastOneMillisecond(ConfigMap block, String key, Duration fallback) {
        Duration value = block.duration(key, fallback);
        if (value.compareTo(MINIMUM) < 0) {
            throw new ConfigException(block.path(key), "expected a duration of at least 1ms, got "
                    + ConfigMap.describe(block.raw(key).orElse(null)));
        }
        return value;
    }
}
