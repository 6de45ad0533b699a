package dev.pilot.bench.scale;

import dev.pilot.bench.report.MarkdownTable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The scale goals, judged on each backend's top rung: no late or failed heartbeat (library and
 * agent); idle CPU ≤ 5 % of a core and RSS ≤ 128 MB (the agent, with its launcher's flags; the
 * library when there is no agent row); a change to the last watched upstream within 2 × the
 * single-watch median (library); connections to the server O(1) in watches (at most one more
 * per 20 more watches from the lowest to the top rung, each process; services grow with the rungs
 * too, so connections a backend holds per service count against it). A figure that was not
 * measured (-1, or too few samples) is shown as such and judges nothing: unmeasured is never met.
 */
public final class ScaleGoals {

    static final double CPU_PERCENT = 5;
    static final double RSS_MB = 128;
    static final double LATENCY_FACTOR = 2;
    /** "O(1)": fewer than one more connection per 20 more watches between the lowest and the top rung. */
    static final double CONNECTIONS_PER_WATCH = 0.05;
    private static final String NOT_SAMPLED = "not measured (fewer than two samples of the process)";

    /** One goal on one backend; {@code met} empty when not measured. */
    public record Goal(String goal, String where, String measured, Optional<Boolean> met) {}

    private ScaleGoals() {}

    public static List<Goal> rows(List<ScaleRow> rows) {
        List<Goal> goals = new ArrayList<>();
        for (String backend : rows.stream().map(ScaleRow::backend).distinct().toList()) {
            List<ScaleRow> mine = rows.stream().filter(row -> row.backend().equals(backend) && row.measured()).toList();
            Optional<ScaleRow> library = top(mine, ScaleRow.LIBRARY);
            Optional<ScaleRow> agent = top(mine, ScaleRow.AGENT);
            if (library.isEmpty() && agent.isEmpty()) {
                goals.add(new Goal("scale: the ladder ran", backend, rows.stream().filter(row -> row.backend().equals(backend))
                        .map(ScaleRow::note).findFirst().orElse("—"), Optional.empty()));
                continue;
            }
            for (ScaleRow row : List.of(library, agent).stream().flatMap(Optional::stream).toList()) {
                String where = backend + ", " + row.process() + ", " + row.upstreams() + " / " + row.services() + ", "
                        + MarkdownTable.number(row.seconds(), 0) + " s";
                goals.add(new Goal("scale: 0 late heartbeats", where, row.outcome().late() + " late",
                        Optional.of(row.outcome().late() == 0)));
                goals.add(row.outcome().failures() < 0
                        ? new Goal("scale: 0 failed heartbeats", where, "not measured (a row stored before the agent's log was counted; its note may give the count)",
                                Optional.empty())
                        : new Goal("scale: 0 failed heartbeats", where, row.outcome().failures() + " failed",
                                Optional.of(row.outcome().failures() == 0)));
                bottom(mine, row.process()).filter(low -> row.connections() >= 0 && low.connections() >= 0
                                && low.upstreams() < row.upstreams())
                        .ifPresent(low -> {
                            double perWatch = (double) (row.connections() - low.connections()) / (row.upstreams() - low.upstreams());
                            goals.add(new Goal("scale: connections O(1) in watches", where, low.connections() + " at "
                                    + low.upstreams() + " / " + low.services() + ", " + row.connections() + " at "
                                    + row.upstreams() + " / " + row.services() + " (" + MarkdownTable.number(perWatch, 3)
                                    + " per added upstream)", Optional.of(perWatch <= CONNECTIONS_PER_WATCH)));
                        });
            }
            ScaleRow judged = agent.or(() -> library).orElseThrow();
            String where = backend + ", " + judged.process() + ", " + judged.upstreams() + " / " + judged.services();
            boolean sampled = judged.samples().size() >= 2; // CPU needs two samples, RSS one; fewer: not measured
            goals.add(new Goal("scale: idle CPU ≤ 5 % of a core", where, sampled
                    ? MarkdownTable.number(judged.cpuPercent(), 1) + " %" : NOT_SAMPLED,
                    sampled ? Optional.of(judged.cpuPercent() <= CPU_PERCENT) : Optional.empty()));
            goals.add(new Goal("scale: RSS ≤ 128 MB with the launcher's flags", where, sampled
                    ? MarkdownTable.number(judged.rssMaxMb(), 0) + " MB max" : NOT_SAMPLED,
                    sampled ? Optional.of(judged.rssMaxMb() <= RSS_MB) : Optional.empty()));
            Optional<ScaleRow> single = mine.stream()
                    .filter(row -> row.process().equals(ScaleRow.LIBRARY) && row.upstreams() == 1).findFirst();
            library.filter(row -> row.upstreams() > 1).ifPresent(row -> {
                String measured = "median " + ms(row.changeMedianMs()) + " vs single watch "
                        + single.map(one -> ms(one.changeMedianMs())).orElse("—");
                goals.add(new Goal("scale: a change within 2 × the single-watch median", backend + ", library, "
                        + row.upstreams() + " upstreams", measured, single.filter(one -> one.changeMedianMs() > 0
                        && row.changeMedianMs() >= 0).map(one -> row.changeMedianMs() <= LATENCY_FACTOR * one.changeMedianMs())));
            });
        }
        return goals;
    }

    private static String ms(double value) {
        return value < 0 ? "not seen" : MarkdownTable.number(value, 2) + " ms";
    }

    private static Optional<ScaleRow> top(List<ScaleRow> rows, String process) {
        return rows.stream().filter(row -> row.process().equals(process) && row.upstreams() > 1)
                .max(Comparator.comparingInt(ScaleRow::upstreams));
    }

    private static Optional<ScaleRow> bottom(List<ScaleRow> rows, String process) {
        return rows.stream().filter(row -> row.process().equals(process) && row.upstreams() > 1)
                .min(Comparator.comparingInt(ScaleRow::upstreams));
    }
}
