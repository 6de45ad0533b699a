package dev.pilot.bench.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The routing benchmarks' table (bench-spring, bench-grpc): a row per subject with its rounds,
 * registration → first routed call and deregistration → last routed call (median / max), calls
 * that still reached the departed instance (median / max), timeouts, and the goal: Pilot's rows
 * meet it with both medians at most 50 ms and no timeout; the other rows are anchors.
 */
public final class RoutingTable {

    private static final double GOAL_MS = 50;

    private final MarkdownTable table;

    /**
     * @param subject  the first column's heading: what is compared ({@code resolver}, {@code integration})
     * @param call     what is routed ({@code RPC}, {@code request})
     * @param departed what reached the instance after it left ({@code calls to the departed server})
     * @param extra    headings of further columns, between the timeouts and the goal
     */
    public RoutingTable(String subject, String call, String departed, String... extra) {
        List<String> header = new ArrayList<>(List.of(subject, "backend", "rounds",
                "registration → first routed " + call + ": median / max",
                "deregistration → last routed " + call + ": median / max",
                departed + ": median / max", "timeouts"));
        header.addAll(List.of(extra));
        header.add("goal: median ≤ " + (int) GOAL_MS + " ms");
        this.table = new MarkdownTable(header.toArray(String[]::new));
    }

    /**
     * Adds one subject's rounds.
     *
     * @param pilot            whether the row is Pilot's, held to the goal; the others are anchors
     * @param registrationMs   registration → first routed call, per round
     * @param deregistrationMs deregistration → last routed call, per round
     * @param departed         calls that reached the instance after its deregistration, per round
     * @param extra            the further columns' cells
     */
    public RoutingTable row(String subject, boolean pilot, String backend, int rounds, List<Double> registrationMs,
                            List<Double> deregistrationMs, List<Long> departed, int timeouts, Object... extra) {
        double registration = median(registrationMs);
        double deregistration = median(deregistrationMs);
        String goal = !pilot ? "(anchor)"
                : timeouts == 0 && registration <= GOAL_MS && deregistration <= GOAL_MS ? "met" : "**not met**";
        List<Object> cells = new ArrayList<>(List.of(subject, backend, rounds,
                ms(registration) + " / " + ms(max(registrationMs)),
                ms(deregistration) + " / " + ms(max(deregistrationMs)),
                count(departed, true) + " / " + count(departed, false), timeouts));
        cells.addAll(List.of(extra));
        cells.add(goal);
        table.row(cells.toArray());
        return this;
    }

    @Override
    public String toString() {
        return table.toString();
    }

    /** The median of {@code values}; NaN when there is none. */
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

    /** The upper median or the maximum of {@code values}; a dash when there is none. */
    private static String count(List<Long> values, boolean median) {
        if (values.isEmpty()) {
            return "–";
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return Long.toString(median ? sorted.get(sorted.size() / 2) : sorted.get(sorted.size() - 1));
    }

    /** {@code 27.1 ms}, {@code 1.0 s} from 1000 ms; a dash for NaN. */
    private static String ms(double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        return value >= 1000 ? String.format(Locale.ROOT, "%.1f s", value / 1000) : String.format(Locale.ROOT, "%.1f ms", value);
    }
}
