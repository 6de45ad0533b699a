package dev.pilot.bench.scale;

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

/** The scale table and its RSS-over-time chart. */
public final class ScaleSection implements Section {

    public static final TypeReference<ResultFile<ScaleRow>> TYPE = new TypeReference<>() {};

    @Override
    public String id() {
        return "scale";
    }

    /** A count, or a dash where the process cannot report it (the agent's heartbeats are seen from outside). */
    private static String count(long value) {
        return value < 0 ? "—" : Long.toString(value);
    }

    @Override
    public Optional<String> render(ResultStore store, Path charts, Path reportDirectory) {
        return store.read(id(), TYPE).map(result -> {
            MarkdownTable table = new MarkdownTable("backend", "services / upstreams", "s", "CPU % of a core",
                    "RSS max MB", "RSS end MB", "heartbeats", "late (> TTL) / left the healthy set", "longest gap ms", "note");
            for (ScaleRow row : result.rows()) {
                boolean measured = row.status() == Status.MEASURED;
                table.row(row.backend(), measured ? row.services() + " / " + row.services() : "—",
                        measured ? MarkdownTable.number(row.seconds(), 0) : "—",
                        measured ? MarkdownTable.number(row.cpuPercent(), 1) : "—",
                        measured ? MarkdownTable.number(row.rssMaxMb(), 1) : "—",
                        measured ? MarkdownTable.number(row.rssEndMb(), 1) : "—",
                        measured ? count(row.outcome().heartbeats()) : "—", measured ? row.outcome().late() : "—",
                        measured ? count(row.outcome().maxGapMs()) : "—", row.note());
            }
            StringBuilder out = new StringBuilder(table.toString()).append('\n');
            result.rows().stream().filter(row -> row.status() != Status.NOT_MEASURED).findFirst()
                    .or(() -> result.rows().stream().findFirst())
                    .ifPresent(row -> out.append("Process: ").append(row.process()).append(".\n"));
            out.append(Provenance.of(result));
            List<Charts.Series> series = result.rows().stream().filter(row -> !row.samples().isEmpty())
                    .map(row -> new Charts.Series(row.backend(),
                            row.samples().stream().mapToDouble(ProcessSampler.Sample::seconds).toArray(),
                            row.samples().stream().mapToDouble(ProcessSampler.Sample::rssMb).toArray()))
                    .toList();
            if (!series.isEmpty()) {
                Path chart = charts.resolve("scale-rss.png");
                Charts.lines(chart, "RSS over time: " + result.rows().getFirst().services() + " services and upstreams per process",
                        "seconds", "RSS (MB)", series);
                out.append("\n![RSS over time, scale](").append(reportDirectory.relativize(chart).toString().replace('\\', '/'))
                        .append(")\n");
            }
            return out.toString();
        });
    }
}
