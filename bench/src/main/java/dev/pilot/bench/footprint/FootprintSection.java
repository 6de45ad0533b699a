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

/** The agent footprint table (the JVM rows, the tarball rows, ContainerPilot 2 as the reference) and its RSS-over-time chart. */
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
                    "idle RSS MB", "of which file-backed MB", "after s", "flags", "note");
            table.row(REFERENCE, REFERENCE_START_MS, "—", REFERENCE_RSS_MB, "—", "—", "—",
                    "the reference: a static Go binary, measured on this machine before (not by this run)");
            for (FootprintRow row : result.rows()) {
                boolean measured = row.status() == Status.MEASURED;
                table.row(row.variant(), measured ? row.startMedianMs() : "—",
                        measured ? row.startupsMs().stream().map(String::valueOf).collect(Collectors.joining(", ")) : "—",
                        measured ? MarkdownTable.number(row.idleRssMb(), 1) : "—",
                        measured && !row.samples().isEmpty() ? MarkdownTable.number(row.samples().getLast().rssFileMb(), 1) : "—",
                        measured ? MarkdownTable.number(row.idleSeconds(), 0) : "—", "`" + row.flags() + "`", row.note());
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
