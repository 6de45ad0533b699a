package dev.pilot.bench.report;

import dev.pilot.bench.ResultFile;

/** The line under each table: the command, the commit it measured, when and how long it ran, and how busy the machine was. */
public final class Provenance {

    private Provenance() {}

    /** The commit the result names, or that it names none (results stored before commits were recorded). */
    public static String commit(ResultFile<?> result) {
        return commit(result.commit());
    }

    /** {@code commit}, or that none was recorded when it is null. */
    public static String commit(String commit) {
        return commit == null ? "commit not recorded" : "commit `" + commit + "`";
    }

    /**
     * {@link #commit(String)}, then whether the code {@code measurement} measures changed since
     * ({@link MeasuredCode#staleness}): for the sections whose result holds one run.
     */
    public static String commit(String commit, String measurement) {
        String staleness = commit == null ? "" : MeasuredCode.ofWorkingDirectory().staleness(commit, measurement);
        return commit(commit) + staleness;
    }

    public static String of(ResultFile<?> result) {
        String load = result.foreignCores() < 0 ? "unknown"
                : MarkdownTable.number(result.foreignCores(), 2) + " cores";
        String busy = result.busy() ? " — **measured on a busy machine: other processes used CPU meanwhile; noisy**" : "";
        return "Command: `" + result.command() + "` · " + commit(result) + " · started " + result.startedAt() + " · "
                + MarkdownTable.number(result.seconds(), 0) + " s · CPU used by other processes meanwhile: "
                + load + busy + "\n";
    }

    /** The three load averages (1, 5, 15 min) of a {@code /proc/loadavg} line: {@code 12.45, 11.87, 9.93}. */
    public static String loadAverages(String loadavg) {
        String[] parts = loadavg.split(" ");
        return parts.length >= 3 ? parts[0] + ", " + parts[1] + ", " + parts[2] : loadavg;
    }
}
