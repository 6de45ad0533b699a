package dev.pilot.agent;

import java.util.Arrays;
import java.util.List;

/**
 * ContainerPilot's command line, parsed as Go's {@code flag} package parses it: {@code -name},
 * {@code --name}, {@code -name value} and {@code -name=value}; a boolean flag takes no value but
 * accepts {@code -name=true|false}; flags end at {@code --} or at the first argument that is not
 * one ({@code -} alone is not a flag), and everything from there on is the main process.
 *
 * <p>Written with the JDK alone: a command-line library's classes (picocli's are Java 5 class
 * files, which the AOT cache cannot hold) cost about a tenth of a second on every start, for five
 * flags.
 *
 * @param config   {@code -config}: JSON text or {@code file://PATH}; null when not given
 * @param template {@code -template}: render the configuration, print it and exit
 * @param out      {@code -out}: where {@code -template} writes, {@code -} for stdout
 * @param version  {@code -version}
 * @param help     {@code -h}, {@code -help}
 * @param mainArgs the main process and its arguments, possibly empty
 */
record CommandLineFlags(String config, boolean template, String out, boolean version, boolean help,
                        List<String> mainArgs) {

    static final String USAGE = """
            Usage: pilot [-config CONFIG] [-template [-out OUT]] [-version] [--] [MAIN...]
            Registers this container's services in a catalog while their health checks pass,
            runs onChange commands when the services it depends on change, and supervises the
            main process: a ContainerPilot 2.7-compatible agent.

              -config CONFIG   The configuration: JSON text, or file://PATH to read it from a file
                               (default: the CONTAINERPILOT environment variable).
                               Example: -config file:///etc/containerpilot.json
              -template        Render the configuration template, print it and exit.
                               Example: -config file:///etc/cp.json -template
              -out OUT         With -template: where to write it, - for stdout (the default) or
                               file://PATH. Example: -template -out file:///tmp/rendered.json
              -version         Print the version and exit. Example: -version
              -h, -help        Print this help and exit.
              MAIN...          The main process and its arguments (each rendered as a template first).

            Examples:
              pilot -config file:///etc/pilot.json -- nginx -g 'daemon off;'
              CONTAINERPILOT='{"local": "/tmp/catalog", "services": []}' pilot
              pilot -config file:///etc/pilot.json -template -out file:///tmp/rendered.json

            Exit code: the main process's (128 + n if killed by signal n); 1 for a configuration
            error; 2 for a usage error; preStart's if it fails; postStop's if it fails.
            """;

    /** A command line that is not one: the message names the flag, as Go's does. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    static CommandLineFlags parse(String... args) throws UsageException {
        String config = null;
        String out = "-";
        boolean template = false;
        boolean version = false;
        boolean help = false;
        int i = 0;
        while (i < args.length) {
            String arg = args[i];
            if (arg.length() < 2 || arg.charAt(0) != '-') {
                break; // the main process
            }
            i++;
            if (arg.equals("--")) {
                break;
            }
            String body = arg.substring(arg.charAt(1) == '-' ? 2 : 1);
            if (body.isEmpty() || body.charAt(0) == '-' || body.charAt(0) == '=') {
                throw new UsageException("bad flag syntax: " + arg);
            }
            int equals = body.indexOf('=');
            String name = equals < 0 ? body : body.substring(0, equals);
            String value = equals < 0 ? null : body.substring(equals + 1);
            switch (name) {
                case "config", "out" -> {
                    if (value == null) {
                        if (i == args.length) {
                            throw new UsageException("flag needs an argument: -" + name);
                        }
                        value = args[i++];
                    }
                    if (name.equals("config")) {
                        config = value;
                    } else {
                        out = value;
                    }
                }
                case "template" -> template = bool(name, value);
                case "version" -> version = bool(name, value);
                case "h", "help" -> help = bool(name, value);
                default -> throw new UsageException("flag provided but not defined: -" + name);
            }
        }
        return new CommandLineFlags(config, template, out, version, help, List.copyOf(Arrays.asList(args).subList(i, args.length)));
    }

    /** A boolean flag's value: none means true; otherwise what Go's strconv.ParseBool accepts. */
    private static boolean bool(String name, String value) throws UsageException {
        if (value == null) {
            return true;
        }
        return switch (value) {
            case "1", "t", "T", "true", "TRUE", "True" -> true;
            case "0", "f", "F", "false", "FALSE", "False" -> false;
            default -> throw new UsageException("invalid boolean value \"" + value + "\" for -" + name
                    + ": expected true or false");
        };
    }

    /** Without the configuration's text: an inline configuration can hold a catalog's token. */
    @Override
    public String toString() {
        return "CommandLineFlags[config=" + (config == null ? "none" : "given") + ", template=" + template + ", out=" + out
                + ", version=" + version + ", help=" + help + ", mainArgs=" + mainArgs + "]";
    }
}
