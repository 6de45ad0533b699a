package dev.pilot.bench.report;

import dev.pilot.bench.ResultStore;
import dev.pilot.bench.Status;
import dev.pilot.bench.footprint.FootprintGoals;
import dev.pilot.bench.footprint.FootprintSection;
import dev.pilot.bench.idle.IdleRow;
import dev.pilot.bench.idle.IdleSection;
import dev.pilot.bench.latency.LatencyRow;
import dev.pilot.bench.latency.LatencySection;
import dev.pilot.bench.micro.MicroRow;
import dev.pilot.bench.micro.MicroSection;
import dev.pilot.bench.scale.ScaleGoals;
import dev.pilot.bench.scale.ScaleSection;
import dev.pilot.bench.throughput.ThroughputRow;
import dev.pilot.bench.throughput.ThroughputSection;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The goals of the benchmarks, each checked against the stored results: met, not met, or not
 * measured (with why). The reading of the numbers in {@code BENCHMARKS.md} explains what limits
 * each one that is not met.
 */
public final class GoalsSection implements Section {

    private static final String MET = "met";
    private static final String NOT_MET = "**not met**";

    @Override
    public String id() {
        return "goals";
    }

    @Override
    public Optional<String> render(ResultStore store, Path charts, Path reportDirectory) {
        MarkdownTable table = new MarkdownTable("goal", "where", "measured", "");
        latency(store, table);
        idle(store, table);
        throughput(store, table);
        micro(store, table);
        footprint(store, table);
        scale(store, table);
        return table.isEmpty() ? Optional.empty() : Optional.of(table.toString());
    }

    private static void latency(ResultStore store, MarkdownTable table) {
        store.read("change-latency", LatencySection.TYPE).ifPresent(result -> {
            for (LatencyRow pilot : result.rows().stream().filter(row -> row.observer().equals(LatencyRow.PILOT)).toList()) {
                Optional<LatencyRow> raw = result.rows().stream()
                        .filter(row -> row.raw() && row.backend().equals(pilot.backend()) && row.status() == Status.MEASURED)
                        .findFirst();
                if (pilot.status() != Status.MEASURED || raw.isEmpty()) {
                    table.row("change latency: Pilot median ≤ raw + 1 ms, p99 ≤ 2 × raw p99", pilot.backend(), pilot.note(), "—");
                    continue;
                }
                double rawMedian = raw.get().latency().p50Ms();
                double rawP99 = raw.get().latency().p99Ms();
                table.row("change latency: Pilot median ≤ raw median + 1 ms", pilot.backend(),
                        ms(pilot.latency().p50Ms()) + " vs raw " + ms(rawMedian),
                        pilot.latency().p50Ms() <= rawMedian + 1 ? MET : NOT_MET);
                table.row("change latency: Pilot p99 ≤ 2 × raw p99", pilot.backend(),
                        ms(pilot.latency().p99Ms()) + " vs raw " + ms(rawP99),
                        pilot.latency().p99Ms() <= 2 * rawP99 ? MET : NOT_MET);
            }
        });
    }

    private static void idle(ResultStore store, MarkdownTable table) {
        store.read("idle-load", IdleSection.TYPE).ifPresent(result -> {
            for (IdleRow row : result.rows()) {
                boolean consul = row.backend().equals("consul");
                String goal = consul ? "idle: ≤ 1 request/min per watched upstream beyond heartbeats"
                        : "idle: no polling (no request beyond heartbeats and session pings)";
                String who = row.backend() + ", " + (row.client().startsWith("agent") ? "agent" : "library");
                if (row.status() != Status.MEASURED) {
                    table.row(goal, who, row.note(), "—");
                    continue;
                }
                double beyond = row.beyondHeartbeatsPerUpstream();
                table.row(goal, who, MarkdownTable.number(beyond, 2) + " per upstream per min",
                        (consul ? beyond <= 1 : beyond == 0) ? MET : NOT_MET);
            }
        });
    }

    private static void throughput(ResultStore store, MarkdownTable table) {
        store.read("heartbeat-throughput", ThroughputSection.TYPE).ifPresent(result -> {
            for (ThroughputRow row : result.rows().stream().filter(row -> !row.raw()).toList()) {
                if (row.status() != Status.MEASURED) {
                    table.row("heartbeats/s: Pilot ≥ 0.8 × raw client", row.backend(), row.note(), "—");
                } else {
                    table.row("heartbeats/s: Pilot ≥ 0.8 × raw client", row.backend(),
                            MarkdownTable.number(row.ratioToRaw(), 2) + " × raw", row.ratioToRaw() >= 0.8 ? MET : NOT_MET);
                }
            }
        });
    }

    private static void micro(ResultStore store, MarkdownTable table) {
        store.read("change-detection", MicroSection.TYPE).ifPresent(result -> {
            for (MicroRow row : result.rows().stream().filter(row -> row.size() == 10_000
                    && !row.benchmark().startsWith("the same response")).toList()) {
                String goal = row.benchmark() + " at 10 000 instances ≤ 5 ms";
                if (row.status() != Status.MEASURED) {
                    table.row(goal, "all", row.note(), "—");
                } else {
                    double ms = "us/op".equals(row.unit()) ? row.score() / 1000 : row.score();
                    table.row(goal, "all", ms(ms), ms <= 5 ? MET : NOT_MET);
                }
            }
        });
    }

    private static void footprint(ResultStore store, MarkdownTable table) {
        store.read("agent-footprint", FootprintSection.TYPE).ifPresent(result -> FootprintGoals.of(result.rows())
                .forEach(goal -> table.row(goal.goal(), goal.where(), goal.measured(), goal.met() ? MET : NOT_MET)));
    }

    private static void scale(ResultStore store, MarkdownTable table) {
        store.read("scale", ScaleSection.TYPE).ifPresent(result -> ScaleGoals.rows(result.rows())
                .forEach(goal -> table.row(goal.goal(), goal.where(), goal.measured(),
                        goal.met().map(met -> met ? MET : NOT_MET).orElse("—"))));
    }

    private static String ms(double value) {
        return MarkdownTable.number(value, 2) + " ms";
    }

}
