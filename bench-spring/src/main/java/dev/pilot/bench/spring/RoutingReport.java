package dev.pilot.bench.spring;

import dev.pilot.bench.report.MarkedSection;
import dev.pilot.bench.report.MeasuredCode;
import dev.pilot.bench.report.Provenance;
import dev.pilot.bench.report.RoutingTable;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * The {@code bench-spring:routing} section of BENCHMARKS.md: one row per subject, medians and extremes, and the goal.
 *
 * @param commit the commit measured; null when not recorded
 */
record RoutingReport(List<RoundResult> results, Instant started, String loadBefore, String loadAfter, String command,
                     String commit) {

    static final MarkedSection SECTION = new MarkedSection("bench-spring:routing");
    /** The measurement's name, for the code it measures ({@link MeasuredCode}). */
    static final String MEASUREMENT = "spring-routing";

    /** The stored result of a run ({@code bench/results/spring-routing.json}), as {@link RoutingBench} writes it. */
    record Stored(String started, String command, String loadavgBefore, String loadavgAfter, List<RoundResult> rounds,
                  String commit) {}

    /** The report of a stored run: the same text as when the run wrote it. */
    static RoutingReport of(Stored stored) {
        return new RoutingReport(stored.rounds(), Instant.parse(stored.started()), stored.loadavgBefore(),
                stored.loadavgAfter(), stored.command(), stored.commit());
    }

    String markdown() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "`%s`, %s, %s; load average (1, 5, 15 min) before %s, after %s.%n%n",
                command, Provenance.commit(commit, MEASUREMENT),
                started.truncatedTo(ChronoUnit.SECONDS), Provenance.loadAverages(loadBefore),
                Provenance.loadAverages(loadAfter)));
        RoutingTable table = new RoutingTable("integration", "request", "requests to the departed instance",
                "client's requests to the catalog per second");
        for (RoundResult result : results) {
            table.row(result.integration(), result.integration().equals("Pilot"), result.backend(), result.rounds(),
                    result.registrationMs(), result.deregistrationMs(), result.departedRequests(), result.timeouts(),
                    perSecond(result));
        }
        out.append(table);
        return out.toString();
    }

    void writeInto(Path benchmarks) {
        SECTION.writeInto(benchmarks, markdown());
    }

    private static String perSecond(RoundResult result) {
        if (result.catalogRequestsPerSecond() == null) {
            return result.backend().equals("local") ? "– (no server)" : "not counted";
        }
        return String.format(Locale.ROOT, "%.1f", result.catalogRequestsPerSecond());
    }
}
