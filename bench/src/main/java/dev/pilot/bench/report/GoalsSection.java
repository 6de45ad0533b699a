package dev.pilot.bench.report;

import dev.pilot.bench.ResultFile;
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
    private static final String LEGEND = """

            *Commit measured*: the commit the result names; *(inferred)*: a result stored before results named their
            commit, and the last commit made before its run started. *Code changed since*: commits since then that
            changed the code the measurement measures (Pilot's `discovery`, `backends` and `agent` sources, and the
            measurement's own code; `git rev-list` on those paths): that row was measured before its code changed.
            """;
    private static final String NOT_MET = "**not met**";

    @Override
    public String id() {
        return "goals";
    }

    @Override
    public Optional<String> render(ResultStore store, Path charts, Path reportDirectory) {
        MarkdownTable table = new MarkdownTable("goal", "where", "measured", "", "commit measured");
        MeasuredCode git = new MeasuredCode(MeasuredCode.repositoryOf(store.directory()));
        latency(store, table, git);
        idle(store, table, git);
        throughput(store, table, git);
        micro(store, table, git);
        footprint(store, table, git);
        scale(store, table, git);
        return table.isEmpty() ? Optional.empty() : Optional.of(table + LEGEND);
    }

    private static void latency(ResultStore store, MarkdownTable table, MeasuredCode git) {
        store.read("change-latency", LatencySection.TYPE).ifPresent(result -> {
            String at = measuredAt(result, git);
            for (LatencyRow pilot : result.rows().stream().filter(row -> row.observer().equals(LatencyRow.PILOT)).toList()) {
                Optional<LatencyRow> raw = result.rows().stream()
                        .filter(row -> row.raw() && row.backend().equals(pilot.backend()) && row.status() == Status.MEASURED)
                        .findFirst();
                if (pilot.status() != Status.MEASURED || raw.isEmpty()) {
                    table.row("change latency: Pilot median ≤ raw + 1 ms, p99 ≤ 2 × raw p99", pilot.backend(), pilot.note(), "—", at);
                    continue;
                }
                double rawMedian = raw.get().latency().p50Ms();
                double rawP99 = raw.get().latency().p99Ms();
                table.row("change latency: Pilot median ≤ raw median + 1 ms", pilot.backend(),
                        ms(pilot.latency().p50Ms()) + " vs raw " + ms(rawMedian),
                        pilot.latency().p50Ms() <= rawMedian + 1 ? MET : NOT_MET, at);
                table.row("change latency: Pilot p99 ≤ 2 × raw p99", pilot.backend(),
                        ms(pilot.latency().p99Ms()) + " vs raw " + ms(rawP99),
                        pilot.latency().p99Ms() <= 2 * rawP99 ? MET : NOT_MET, at);
            }
        });
    }

    private static void idle(ResultStore store, MarkdownTable table, MeasuredCode git) {
        store.read("idle-load", IdleSection.TYPE).ifPresent(result -> {
            String at = measuredAt(result, git);
            for (IdleRow row : result.rows()) {
                boolean consul = row.backend().equals("consul");
                String goal = consul ? "idle: ≤ 1 request/min per watched upstream beyond heartbeats"
                        : "idle: no polling (no request beyond heartbeats and session pings)";
                String who = row.backend() + ", " + (row.client().startsWith("agent") ? "agent" : "library");
                if (row.status() != Status.MEASURED) {
                    table.row(goal, who, row.note(), "—", at);
                    continue;
                }
                double beyond = row.beyondHeartbeatsPerUpstream();
                table.row(goal, who, MarkdownTable.number(beyond, 2) + " per upstream per min",
                        (consul ? beyond <= 1 : beyond == 0) ? MET : NOT_MET, at);
            }
        });
    }

    private static void throughput(ResultStore store, MarkdownTable table, MeasuredCode git) {
        store.read("heartbeat-throughput", ThroughputSection.TYPE).ifPresent(result -> {
            String at = measuredAt(result, git);
            for (ThroughputRow row : result.rows().stream().filter(row -> !row.raw()).toList()) {
                if (row.status() != Status.MEASURED) {
                    table.row("heartbeats/s: Pilot ≥ 0.8 × raw client", row.backend(), row.note(), "—", at);
                } else {
                    table.row("heartbeats/s: Pilot ≥ 0.8 × raw client", row.backend(),
                            MarkdownTable.number(row.ratioToRaw(), 2) + " × raw", row.ratioToRaw() >= 0.8 ? MET : NOT_MET, at);
                }
            }
        });
    }

    private static void micro(ResultStore store, MarkdownTable table, MeasuredCode git) {
        store.read("change-detection", MicroSection.TYPE).ifPresent(result -> {
            String at = measuredAt(result, git);
            for (MicroRow row : result.rows().stream().filter(row -> row.size() == 10_000
                    && !row.benchmark().startsWith("the same response")).toList()) {
                String goal = row.benchmark() + " at 10 000 instances ≤ 5 ms";
                if (row.status() != Status.MEASURED) {
                    table.row(goal, "all", row.note(), "—", at);
                } else {
                    double ms = "us/op".equals(row.unit()) ? row.score() / 1000 : row.score();
                    table.row(goal, "all", ms(ms), ms <= 5 ? MET : NOT_MET, at);
                }
            }
        });
    }

    private static void footprint(ResultStore store, MarkdownTable table, MeasuredCode git) {
        store.read("agent-footprint", FootprintSection.TYPE).ifPresent(result -> {
            String at = measuredAt(result, git);
            FootprintGoals.of(result.rows())
                    .forEach(goal -> table.row(goal.goal(), goal.where(), goal.measured(), goal.met() ? MET : NOT_MET, at));
        });
    }

    private static void scale(ResultStore store, MarkdownTable table, MeasuredCode git) {
        store.read("scale", ScaleSection.TYPE).ifPresent(result -> {
            String at = measuredAt(result, git);
            ScaleGoals.rows(result.rows()).forEach(goal -> table.row(goal.goal(), goal.where(), goal.measured(),
                    goal.met().map(met -> met ? MET : NOT_MET).orElse("—"), at));
        });
    }

    /**
     * The commit a result measured — recorded, or else the last commit before the run started —
     * and, when git can tell, how many commits changed the code it measures since.
     */
    static String measuredAt(ResultFile<?> result, MeasuredCode git) {
        Optional<String> recorded = Optional.ofNullable(result.commit());
        Optional<String> commit = recorded.or(() -> git.before(result.startedAt()));
        if (commit.isEmpty()) {
            return "not recorded";
        }
        String label = "`" + commit.get() + "`" + (recorded.isEmpty() ? " (inferred)" : "");
        return label + git.staleness(commit.get(), result.measurement());
    }

    private static String ms(double value) {
        return MarkdownTable.number(value, 2) + " ms";
    }

}
