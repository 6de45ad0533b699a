package dev.pilot.bench.report;

import dev.pilot.bench.ResultFile;

/** The line under each table: the command, the commit measured, when and how long it ran, and how busy the machine was. */
public final class Provenance {

    private Provenance() {}

    public static String of(ResultFile<?> result) {
        String load = result.foreignCores() < 0 ? "unknown"
                : MarkdownTable.number(result.foreignCores(), 2) + " cores";
        String busy = result.busy() ? " — **measured on a busy machine: other processes used CPU meanwhile; noisy**" : "";
        return "Command: `" + result.command() + "` · " + (result.commit() == null ? "" : "commit " + result.commit() + " · ")
                + "started " + result.startedAt() + " · "
                + MarkdownTable.number(result.seconds(), 0) + " s · CPU used by other processes meanwhile: "
                + load + busy + "\n";
    }
}
