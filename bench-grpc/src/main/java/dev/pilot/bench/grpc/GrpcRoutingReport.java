package dev.pilot.bench.grpc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** The {@code bench-grpc:routing} section of BENCHMARKS.md, written from a stored result. */
final class GrpcRoutingReport {

    static final String BEGIN = "<!-- bench-grpc:routing -->";
    static final String END = "<!-- /bench-grpc:routing -->";
    private static final double GOAL_MS = 50;

    private GrpcRoutingReport() {}

    static String markdown(GrpcResults results) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "`%s` at commit `%s`, %s; load average (1, 5, 15 min) before %s, after %s.%n%n",
                results.command(), results.commit(), results.started(), first3(results.loadavgBefore()),
                first3(results.loadavgAfter())));
        out.append("| resolver | backend | rounds | registration → first routed RPC: median / max | "
                + "deregistration → last routed RPC: median / max | calls to the departed server: median / max | timeouts | goal: median ≤ 50 ms |\n");
        out.append("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (RoutingResult result : results.routing()) {
            double registration = median(result.registrationMs());
            double deregistration = median(result.deregistrationMs());
            String goal = result.integration().equals("pilot:") ? (result.timeouts() == 0 && registration <= GOAL_MS
                    && deregistration <= GOAL_MS ? "met" : "**not met**") : "(anchor)";
            out.append(String.format(Locale.ROOT, "| %s | %s | %d | %s / %s | %s / %s | %s / %s | %d | %s |%n",
                    result.integration(), result.backend(), result.rounds(),
                    ms(registration), ms(max(result.registrationMs())),
                    ms(deregistration), ms(max(result.deregistrationMs())),
                    count(result.departedCalls(), true), count(result.departedCalls(), false),
                    result.timeouts(), goal));
        }
        out.append("\nRolling restart of three servers (each shut down by `PilotServerRegistration`: deregister, "
                + "wait for the change, 1 s drain, stop; a replacement registers before the next), under two "
                + "senders of one call per millisecond each:\n\n");
        out.append("| resolver | backend | calls answered | failed calls | duration | goal: 0 failed |\n");
        out.append("| --- | --- | --- | --- | --- | --- |\n");
        for (RestartResult restart : results.restarts()) {
            String goal = restart.integration().equals("pilot:") ? (restart.failed() == 0 ? "met" : "**not met**") : "(anchor)";
            out.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %.1f s | %s |%n", restart.integration(),
                    restart.backend(), restart.answered(), restart.failed(), restart.seconds(), goal));
        }
        return out.toString();
    }

    static void writeInto(Path benchmarks, GrpcResults results) {
        try {
            String text = Files.exists(benchmarks) ? Files.readString(benchmarks) : "";
            String section = BEGIN + "\n" + markdown(results) + END;
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

    private static String first3(String loadavg) {
        String[] parts = loadavg.split(" ");
        return parts.length >= 3 ? parts[0] + ", " + parts[1] + ", " + parts[2] : loadavg;
    }

    static double median(List<Double> values) {
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
        return Long.toString(median ? sorted.get(sorted.size() / 2) : sorted.get(sorted.size() - 1));
    }

    private static String ms(double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        return value >= 1000 ? String.format(Locale.ROOT, "%.1f s", value / 1000) : String.format(Locale.ROOT, "%.1f ms", value);
    }
}
