package dev.pilot.agent;

import dev.pilot.agent.logging.Logging;
import picocli.CommandLine;

/** The {@code pilot} executable: runs {@link PilotCommand} and exits with its code. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        CommandLine commandLine = PilotCommand.commandLine();
        int code = commandLine.execute(args);
        Logging.flush();
        System.exit(code);
    }
}
