package dev.pilot.agent.config;

import dev.pilot.discovery.ConfigException;
import dev.pilot.discovery.spi.ConfigMap;
import java.math.BigDecimal;

/**
 * One entry of {@code coprocesses}: a long-running process beside the main one, restarted when
 * it exits while its budget lasts.
 *
 * @param name     the name in log lines and in {@code CONTAINERPILOT_COPROCESS[<NAME>]_PID}; the
 *                 command when the config names none
 * @param command  what to run
 * @param restarts how many times it is restarted after it exits; {@link #UNLIMITED} for always
 */
public record CoprocessConfig(String name, Command command, long restarts) {

    public static final long UNLIMITED = Long.MAX_VALUE;

    static CoprocessConfig parse(ConfigMap block) {
        block.allowOnly("name", "command", "restarts");
        Command command = Fields.requiredCommand(block, "command");
        return new CoprocessConfig(block.string("name", command.toString()), command, restarts(block));
    }

    private static long restarts(ConfigMap block) {
        Object raw = block.raw("restarts").orElse("never");
        if (raw instanceof String text && text.trim().equals("unlimited")) {
            return UNLIMITED;
        }
        if (raw instanceof String text && text.trim().equals("never")) {
            return 0;
        }
        if (raw instanceof Number || raw instanceof String) {
            try {
                // ContainerPilot truncates fractions: "2.7" and 2.7 are 2
                long count = new BigDecimal(raw.toString().trim()).longValue();
                if (count >= 0) {
                    return count;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new ConfigException(block.path("restarts"), "expected \"unlimited\", \"never\" or a number of restarts "
                + "of 0 or more, got " + ConfigMap.describe(raw));
    }

    /** Whether a restart budget is unlimited. */
    public boolean restartsForever() {
        return restarts == UNLIMITED;
    }
}
