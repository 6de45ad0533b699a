package dev.pilot.bench.footprint;

import dev.pilot.bench.Status;
import dev.pilot.bench.report.MarkdownTable;
import java.util.ArrayList;
import java.util.List;

/**
 * The self-contained agent's footprint goals, judged from the tarball rows: every start (the
 * first after unpacking included) to the first registration within {@link FootprintRow#startGoalMs()},
 * idle RSS within {@link FootprintRow#rssGoalMb()}, USS ≤ {@value #USS_GOAL_MB} MB and PSS per agent
 * of ten ≤ {@value #PSS_GOAL_MB} MB, the archive ≤ {@value #ARCHIVE_GOAL_MB} MB.
 */
public final class FootprintGoals {

    static final double USS_GOAL_MB = 24;
    static final double PSS_GOAL_MB = 25;
    static final double ARCHIVE_GOAL_MB = 30;

    /** One goal: what, where, the figure, and whether it was met. */
    public record Goal(String goal, String where, String measured, boolean met) {}

    private FootprintGoals() {}

    /** The goals of the measured tarball rows of {@code rows} (older results without PSS give only start and RSS). */
    public static List<Goal> of(List<FootprintRow> rows) {
        List<Goal> goals = new ArrayList<>();
        boolean archiveJudged = false;
        for (FootprintRow row : rows) {
            if (!row.tarball() || row.status() != Status.MEASURED) {
                continue;
            }
            String load = row.loadAverage() > 0 ? ", load " + MarkdownTable.number(row.loadAverage(), 2) : "";
            long slowest = row.startupsMs().stream().mapToLong(Long::longValue).max().orElse(0);
            String first = row.startupsMs().isEmpty() ? "" : " (first " + row.startupsMs().getFirst() + " ms, slowest " + slowest + " ms)";
            goals.add(new Goal("agent: start to first registration ≤ " + row.startGoalMs() + " ms, every start", row.variant(),
                    "median " + row.startMedianMs() + " ms" + first, slowest <= row.startGoalMs()));
            goals.add(new Goal("agent: idle RSS ≤ " + MarkdownTable.number(row.rssGoalMb(), 0) + " MB", row.variant(),
                    MarkdownTable.number(row.idleRssMb(), 1) + " MB" + load, row.idleRssMb() <= row.rssGoalMb()));
            if (row.hasShares()) {
                goals.add(new Goal("agent: USS ≤ " + MarkdownTable.number(USS_GOAL_MB, 0) + " MB", row.variant(),
                        MarkdownTable.number(row.ussMbPerAgent(), 1) + " MB per agent of " + row.agents() + load,
                        row.ussMbPerAgent() <= USS_GOAL_MB));
                goals.add(new Goal("agent: PSS per agent of ten ≤ " + MarkdownTable.number(PSS_GOAL_MB, 0) + " MB", row.variant(),
                        MarkdownTable.number(row.pssMbPerAgent(), 1) + " MB (sum of " + row.agents() + " / " + row.agents() + ")" + load,
                        row.pssMbPerAgent() <= PSS_GOAL_MB));
            }
            if (row.oneBackendArchiveMb() > 0) {
                goals.add(new Goal("agent: an image with one backend smaller than the archive", row.variant(),
                        MarkdownTable.number(row.oneBackendArchiveMb(), 1) + " MB of " + MarkdownTable.number(row.archiveMb(), 1) + " MB",
                        row.oneBackendArchiveMb() < row.archiveMb()));
            }
            if (!archiveJudged && row.archiveMb() > 0) {
                archiveJudged = true;
                goals.add(new Goal("agent: archive ≤ " + MarkdownTable.number(ARCHIVE_GOAL_MB, 0) + " MB, every backend", "tarball",
                        MarkdownTable.number(row.archiveMb(), 1) + " MB", row.archiveMb() <= ARCHIVE_GOAL_MB));
            }
        }
        return goals;
    }
}
