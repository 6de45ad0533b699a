package dev.pilot.bench.spring;

import dev.pilot.bench.report.MarkdownTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** The {@code bench-spring:routing} section of BENCHMARKS.md: one row per subject, medians and extremes, and the goal. */
final class RoutingReport {

    static final String BEGIN = "<!-- bench-spring:routing -->";
    static final String END = "<!-- /bench-spring:routing -->";
    private static final double GOAL_MS = 50;

    private final List<RoundResult> results;
    private final Instant started;
    private final String loadBefore;
    private final String loadAfter;
    private final String command;
    private final String commit;

    RoutingReport(List<RoundResult> results, Instant started, String loadBefore, String loadAfter, String command,
                  String commit) {
        this.commit = commit;
        this.results = results;
        this.started = started;
        this.loadBefore = loadBefore;
        this.loadAfter = loadAfter;
        this.command = command;
    }

    /** The stored result of a run ({@code bench/results/spring-routing.json}), as {@link RoutingBench} writes it. */
    record Stored(String started, String command, String loadavgBefore, String loadavgAfter, List<RoundResult> rounds,
                  String commit) {}

    /** The report of a stored run: the same text as when the run wrote it. */
    static RoutingReport of(Stored stored) {
        return new RoutingReport(stored.rounds(), Instant.parse(stored.started()), stored.loadavgBefore(),
                stored.loadavgAfter(), stored.command(), stored.commit());
    }

    /** The generated section in {@code text} (between the markers, without them); empty when there is none. */
    static String section(String text) {
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        return begin >= 0 && end > begin ? text.substring(begin + BEGIN.length() + 1, end) : "";
    }

    String markdown() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "`%s`, %s, %s; load average (1, 5, 15 min) before %s, after %s.%n%n",
                command, commit == null ? "commit not recorded" : "commit `" + commit + "`",
                started.truncatedTo(ChronoUnit.SECONDS), first3(loadBefore), first3(loadAfter)));
        MarkdownTable table = new MarkdownTable("integration", "backend", "rounds",
                "registration → first routed request: median / max", "deregistration → last routed request: median / max",
                "requests to the departed instance: median / max", "timeouts", "client's requests to the catalog per second",
                "goal: median ≤ 50 ms");
        for (RoundResult result : results) {
            boolean pilot = result.integration().equals("Pilot");
            double registration = median(result.registrationMs());
            double deregistration = median(result.deregistrationMs());
            String goal = !pilot ? "(anchor)" : result.timeouts() == 0 && registration <= GOAL_MS && deregistration <= GOAL_MS
                    ? "met" : "**not met**";
            table.row(result.integration(), result.backend(), result.rounds(),
                    ms(registration) + " / " + ms(max(result.registrationMs())),
                    ms(deregistration) + " / " + ms(max(result.deregistrationMs())),
                    count(result.departedRequests(), true) + " / " + count(result.departedRequests(), false),
                    result.timeouts(), perSecond(result), goal);
        }
        out.append(table);
        return out.toString();
    }

    void writeInto(Path benchmarks) {
        try {
            String text = Files.exists(benchmarks) ? Files.readString(benchmarks) : "";
            String section = BEGIN + "\n" + markdown() + END;
            int begin = text.indexOf(BEGIN);
            int end = text.indexOf(END);
            String updated = begin >= 0 && end > begin
                    ? text.substring(0, begin) + section + text.substring(end + END.length())
                    : text + "\n" + section + "\n";
            Files.writeString(benchmarks, updated);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String perSecond(RoundResult result) {
        if (result.catalogRequestsPerSecond() == null) {
            return result.backend().equals("local") ? "– (no server)" : "not counted";
        }
        return String.format(Locale.ROOT, "%.1f", result.catalogRequestsPerSecond());
    }

    private static String first3(String loadavg) {
        String[] parts = loadavg.split(" ");
        return parts.length >= 3 ? parts[0] + ", " + parts[1] + ", " + parts[2] : loadavg;
    }

    private static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    private static String count(List<Long> values, boolean median) {
        if (values.isEmpty()) {
            return "–";
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        long value = median ? sorted.get(sorted.size() / 2) : sorted.getLast();
        return Long.toString(value);
    }

    private static String ms(double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        return value >= 1000 ? String.format(Locale.ROOT, "%.1f s", value / 1000) : String.format(Locale.ROOT, "%.1f ms", value);
    }
}
