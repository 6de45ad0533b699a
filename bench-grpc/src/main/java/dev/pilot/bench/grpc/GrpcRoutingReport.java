package dev.pilot.bench.grpc;

import dev.pilot.bench.report.MarkdownTable;
import dev.pilot.bench.report.MarkedSection;
import dev.pilot.bench.report.MeasuredCode;
import dev.pilot.bench.report.Provenance;
import dev.pilot.bench.report.RoutingTable;
import java.nio.file.Path;
import java.util.Locale;

/** The {@code bench-grpc:routing} section of BENCHMARKS.md, written from a stored result. */
final class GrpcRoutingReport {

    static final MarkedSection SECTION = new MarkedSection("bench-grpc:routing");
    /** The measurement's name, for the code it measures ({@link MeasuredCode}). */
    static final String MEASUREMENT = "grpc-routing";

    private GrpcRoutingReport() {}

    static String markdown(GrpcResults results) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "`%s`, %s, %s; load average (1, 5, 15 min) before %s, after %s.%n%n",
                results.command(), Provenance.commit(results.commit(), MEASUREMENT),
                results.started(), Provenance.loadAverages(results.loadavgBefore()),
                Provenance.loadAverages(results.loadavgAfter())));
        RoutingTable routing = new RoutingTable("resolver", "RPC", "calls to the departed server");
        for (RoutingResult result : results.routing()) {
            routing.row(result.integration(), isPilot(result.integration()), result.backend(), result.rounds(),
                    result.registrationMs(), result.deregistrationMs(), result.departedCalls(), result.timeouts());
        }
        out.append(routing);
        out.append("\nRolling restart of three servers (each shut down by `PilotServerRegistration`: deregister, "
                + "wait for the change, 1 s drain, stop; a replacement registers before the next), under two "
                + "senders of one call per millisecond each:\n\n");
        MarkdownTable restarts = new MarkdownTable("resolver", "backend", "calls answered", "failed calls", "duration",
                "goal: 0 failed");
        for (RestartResult restart : results.restarts()) {
            String goal = isPilot(restart.integration()) ? (restart.failed() == 0 ? "met" : "**not met**") : "(anchor)";
            restarts.row(restart.integration(), restart.backend(), restart.answered(), restart.failed(),
                    String.format(Locale.ROOT, "%.1f s", restart.seconds()), goal);
        }
        out.append(restarts);
        return out.toString();
    }

    static void writeInto(Path benchmarks, GrpcResults results) {
        SECTION.writeInto(benchmarks, markdown(results));
    }

    private static boolean isPilot(String integration) {
        return integration.equals("pilot:");
    }
}
