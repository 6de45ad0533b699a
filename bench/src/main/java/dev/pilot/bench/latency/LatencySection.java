package dev.pilot.bench.latency;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.pilot.bench.ResultFile;
import dev.pilot.bench.ResultStore;
import dev.pilot.bench.Status;
import dev.pilot.bench.report.Charts;
import dev.pilot.bench.report.MarkdownTable;
import dev.pilot.bench.report.Provenance;
import dev.pilot.bench.report.Section;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The change latency table, and one CDF chart per backend: Pilot against the raw client. */
public final class LatencySection implements Section {

    public static final TypeReference<ResultFile<LatencyRow>> TYPE = new TypeReference<>() {};

    @Override
    public String id() {
        return "change-latency";
    }

    @Override
    public Optional<String> render(ResultStore store, Path charts, Path reportDirectory) {
        return store.read(id(), TYPE).map(result -> render(result, charts, reportDirectory));
    }

    private String render(ResultFile<LatencyRow> result, Path charts, Path reportDirectory) {
        MarkdownTable table = new MarkdownTable("backend", "observer", "changes", "min ms", "median ms", "p99 ms",
                "max ms", "note");
        Map<String, List<LatencyRow>> byBackend = new LinkedHashMap<>();
        for (LatencyRow row : result.rows()) {
            byBackend.computeIfAbsent(row.backend(), backend -> new ArrayList<>()).add(row);
            boolean measured = row.status() == Status.MEASURED;
            table.row(row.backend(), row.observer(), measured ? row.latency().count() : "—",
                    ms(measured, row.latency().minMs()), ms(measured, row.latency().p50Ms()),
                    ms(measured, row.latency().p99Ms()), ms(measured, row.latency().maxMs()), row.note());
        }
        StringBuilder out = new StringBuilder(table.toString()).append('\n').append(Provenance.of(result));
        for (var entry : byBackend.entrySet()) {
            List<LatencyRow> measured = entry.getValue().stream().filter(row -> row.samplesMicros().length > 0).toList();
            if (measured.isEmpty()) {
                continue;
            }
            Path chart = charts.resolve("change-latency-" + entry.getKey() + ".png");
            Charts.cdf(chart, "Change latency on " + entry.getKey() + ": Pilot against the server's own client",
                    measured.stream().map(LatencyRow::observer).toList(),
                    measured.stream().map(LatencyRow::samplesMicros).toList());
            out.append("\n![change latency CDF, ").append(entry.getKey()).append("](")
                    .append(reportDirectory.relativize(chart).toString().replace('\\', '/')).append(")\n");
        }
        return out.toString();
    }

    private static String ms(boolean measured, double value) {
        return measured ? MarkdownTable.number(value, 2) : "—";
    }
}
