package dev.pilot.bench.routing;

import java.util.List;

/**
 * The command line of a routing benchmark ({@code scripts/bench spring}, {@code scripts/bench grpc}):
 * {@code --rounds N} for Pilot's subjects, {@code --anchor-rounds N} for the anchors, {@code --only a,b}
 * (subjects by name; all when empty), {@code --no-report} (print, store nothing).
 *
 * @param command the command as typed, for the report
 */
public record RoutingOptions(int rounds, int anchorRounds, List<String> only, boolean writeResults, String command) {

    /**
     * Reads {@code args}.
     *
     * @param script       how the benchmark is run, e.g. {@code scripts/bench grpc}
     * @param anchorRounds the anchors' rounds unless given
     * @param reportOnly   the argument that only redraws the report, named in the message; null when none is named
     * @throws IllegalArgumentException naming an unknown argument and the expected ones
     */
    public static RoutingOptions parse(String[] args, String script, int anchorRounds, String reportOnly) {
        int rounds = 20;
        List<String> only = List.of();
        boolean write = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--anchor-rounds" -> anchorRounds = Integer.parseInt(args[++i]);
                case "--only" -> only = List.of(args[++i].split(","));
                case "--no-report" -> write = false;
                default -> throw new IllegalArgumentException("unknown argument '" + args[i]
                        + "'; expected --rounds N, --anchor-rounds N, --only a,b"
                        + (reportOnly == null ? " or --no-report" : ", --no-report or " + reportOnly));
            }
        }
        return new RoutingOptions(rounds, anchorRounds, only, write, script + (args.length == 0 ? "" : " " + String.join(" ", args)));
    }
}
