package dev.pilot.bench.footprint;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.pilot.bench.ProcessSampler;
import dev.pilot.bench.ResultFile;
import dev.pilot.bench.ResultStore;
import dev.pilot.bench.Status;
import dev.pilot.bench.report.Charts;
import dev.pilot.bench.report.MarkdownTable;
import dev.pilot.bench.report.Provenance;
import dev.pilot.bench.report.Section;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The agent footprint table (the JVM flag variants on local; the tarball's runtime running no agent,
 * the floor; per backend the tarball, the agent's jar on the JDK and ContainerPilot 2 when a binary
 * is given, ten agents each with RSS, USS and PSS),
 * each tarball row's goals judged ({@link FootprintGoals}), and its RSS-over-time chart.
 */
public final class FootprintSection implements Section {

    public static final TypeReference<ResultFile<FootprintRow>> TYPE = new TypeReference<>() {};

    /** What the agent is compared with: ContainerPilot 2's own footprint, one static Go binary. */
    static final String REFERENCE = "ContainerPilot 2.7.8";
    static final int REFERENCE_START_MS = 4;
    static final int REFERENCE_RSS_MB = 15;

    @Override
    public String id() {
        return "agent-footprint";
    }

    @Override
    public Optional<String> render(ResultStore store, Path charts, Path reportDirectory) {
        return store.read(id(), TYPE).map(result -> {
            MarkdownTable table = new MarkdownTable("agent", "start → first registration, median ms", "each start ms",
                    "idle RSS MB", "USS MB per agent", "PSS MB per agent", "agents", "archive MB", "one-backend image MB", "after s", "load",
                    "goals", "flags", "note");
            table.row(REFERENCE + " (earlier)", REFERENCE_START_MS, "—", REFERENCE_RSS_MB, "—", "—", "1", "—", "—", "—", "—", "—", "—",
                    "the reference: a static Go binary, measured on this machine before (not by this run)");
            List<FootprintGoals.Goal> goals = FootprintGoals.of(result.rows());
            for (FootprintRow row : result.rows()) {
                boolean measured = row.status() == Status.MEASURED;
                boolean shares = measured && row.hasShares();
                List<FootprintGoals.Goal> own = goals.stream().filter(goal -> goal.where().equals(row.variant())).toList();
                String met = own.isEmpty() ? "—" : own.stream().allMatch(FootprintGoals.Goal::met) ? "all met"
                        : own.stream().filter(goal -> !goal.met()).count() + " of " + own.size() + " **not met**";
                boolean started = measured && !row.startupsMs().isEmpty();
                table.row(row.variant(), started ? row.startMedianMs() : "—",
                        started ? row.startupsMs().stream().map(String::valueOf).collect(Collectors.joining(", ")) : "—",
                        measured ? MarkdownTable.number(row.idleRssMb(), 1) : "—",
                        shares ? MarkdownTable.number(row.ussMbPerAgent(), 1) : "—",
                        shares ? MarkdownTable.number(row.pssMbPerAgent(), 1) : "—",
                        measured ? row.agents() : "—",
                        row.archiveMb() > 0 ? MarkdownTable.number(row.archiveMb(), 1) : "—",
                        row.oneBackendArchiveMb() > 0 ? MarkdownTable.number(row.oneBackendArchiveMb(), 1) : "—",
                        measured ? MarkdownTable.number(row.idleSeconds(), 0) : "—",
                        measured && row.loadAverage() > 0 ? MarkdownTable.number(row.loadAverage(), 2) : "—",
                        met, "`" + row.flags() + "`", row.note());
            }
            StringBuilder out = new StringBuilder(table.toString()).append('\n').append(Provenance.of(result));
            List<Charts.Series> series = result.rows().stream().filter(row -> !row.samples().isEmpty())
                    .map(row -> new Charts.Series(row.variant(),
                            row.samples().stream().mapToDouble(ProcessSampler.Sample::seconds).toArray(),
                            row.samples().stream().mapToDouble(ProcessSampler.Sample::rssMb).toArray()))
                    .toList();
            if (!series.isEmpty()) {
                Path chart = charts.resolve("agent-rss.png");
                Charts.lines(chart, "Agent RSS while idle, by JVM flags", "seconds since start", "RSS (MB)", series);
                out.append("\n![agent RSS over time](").append(reportDirectory.relativize(chart).toString().replace('\\', '/'))
                        .append(")\n");
            }
            return out.toString();
        });
    }
}
