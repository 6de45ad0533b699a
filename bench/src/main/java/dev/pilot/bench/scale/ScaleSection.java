package dev.pilot.bench.scale;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.pilot.bench.ResultFile;
import dev.pilot.bench.ResultStore;
import dev.pilot.bench.report.Charts;
import dev.pilot.bench.report.MarkdownTable;
import dev.pilot.bench.report.Provenance;
import dev.pilot.bench.report.Section;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The scale ladder: a table per rung, the memory one more service and one more watch cost, where
 * the library workload's native memory goes, and RSS and CPU per rung as charts.
 */
public final class ScaleSection implements Section {

    public static final TypeReference<ResultFile<ScaleRow>> TYPE = new TypeReference<>() {};

    @Override
    public String id() {
        return "scale";
    }

    @Override
    public Optional<String> render(ResultStore store, Path charts, Path reportDirectory) {
        return store.read(id(), TYPE).map(result -> {
            List<ScaleRow> rows = result.rows();
            StringBuilder out = new StringBuilder();
            out.append(ceilings(rows)).append('\n');
            out.append(ladder(rows)).append('\n');
            out.append("Process flags: library ").append(flags(rows, ScaleRow.LIBRARY)).append("; agent ")
                    .append(flags(rows, ScaleRow.AGENT)).append(".\n");
            out.append(Provenance.of(result)).append('\n');
            out.append("Memory one more service and one more watch cost (library workload, top rung: what the services "
                    + "after the first, then the watches after the first, added — each stage read after a full GC — "
                    + "divided by their number; the first of each loads the classes it needs and is left out):\n\n");
            out.append(costs(rows)).append('\n');
            out.append("Where the library workload's memory goes at the end of the top rung (Native Memory Tracking, "
                    + "committed MB; direct buffers and platform threads from the JVM):\n\n");
            out.append(nativeMemory(rows));
            chart(out, charts, reportDirectory, rows, "scale-rss.png", "RSS at the end of each rung", "RSS (MB)",
                    ScaleRow::rssEndMb);
            chart(out, charts, reportDirectory, rows, "scale-cpu.png", "CPU once started, per rung", "CPU (% of a core)",
                    ScaleRow::cpuPercent);
            return out.toString();
        });
    }

    private static String flags(List<ScaleRow> rows, String process) {
        return rows.stream().filter(row -> row.process().equals(process) && !row.flags().isEmpty())
                .map(ScaleRow::flags).findFirst().orElse("—");
    }

    private static String ceilings(List<ScaleRow> rows) {
        Map<String, Double> ceilings = new LinkedHashMap<>();
        rows.stream().filter(ScaleRow::measured).forEach(row -> ceilings.putIfAbsent(row.backend(), row.rawCeiling()));
        if (ceilings.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("The catalogs' own clients' ceilings in this run (TTL updates a second, "
                + ScaleCeiling.CONCURRENCY + " threads, the most services registered): ");
        List<String> parts = new ArrayList<>();
        ceilings.forEach((backend, ceiling) -> parts.add(backend + " " + (ceiling < 0 ? "not measured"
                : MarkdownTable.number(ceiling, 0))));
        out.append(String.join(", ", parts)).append(". Each rung's services heartbeat every 5 s and stay under ")
                .append((int) (ScaleCeiling.HEADROOM * 100)).append(" % of it.\n");
        return out.toString();
    }

    private static String ladder(List<ScaleRow> rows) {
        MarkdownTable table = new MarkdownTable("backend", "process", "upstreams / services", "s", "late / failed heartbeats",
                "CPU % of a core", "RSS max MB", "RSS end MB", "threads", "connections", "change median ms", "note");
        for (ScaleRow row : rows) {
            if (!row.measured()) {
                table.row(row.backend(), row.process(), row.upstreams() + " / —", "—", "—", "—", "—", "—", "—", "—", "—",
                        row.note());
                continue;
            }
            table.row(row.backend(), row.process(), row.upstreams() + " / " + row.services(),
                    MarkdownTable.number(row.seconds(), 0),
                    row.outcome().late() + " / " + (row.outcome().failures() < 0 ? "—" : row.outcome().failures()),
                    MarkdownTable.number(row.cpuPercent(), 1), MarkdownTable.number(row.rssMaxMb(), 1),
                    MarkdownTable.number(row.rssEndMb(), 1), row.threads(),
                    row.connections() < 0 ? "—" : row.connections(),
                    row.changeMedianMs() < 0 ? "—" : MarkdownTable.number(row.changeMedianMs(), 2), row.note());
        }
        return table.toString();
    }

    /** The library row of the top rung of each backend. */
    static List<ScaleRow> topLibraryRows(List<ScaleRow> rows) {
        Map<String, ScaleRow> top = new LinkedHashMap<>();
        rows.stream().filter(row -> row.measured() && row.process().equals(ScaleRow.LIBRARY))
                .forEach(row -> top.merge(row.backend(), row, (a, b) -> b.upstreams() >= a.upstreams() ? b : a));
        return List.copyOf(top.values());
    }

    private static String costs(List<ScaleRow> rows) {
        MarkdownTable table = new MarkdownTable("backend", "upstreams / services", "heap per service B",
                "heap per watch B", "committed (NMT) per service B", "committed (NMT) per watch B", "RSS per service B",
                "RSS per watch B");
        for (ScaleRow row : topLibraryRows(rows)) {
            Optional<MemoryPoint> oneService = row.outcome().at("one service");
            Optional<MemoryPoint> services = row.outcome().at("services");
            Optional<MemoryPoint> oneWatch = row.outcome().at("one watch");
            Optional<MemoryPoint> watches = row.outcome().at("watches");
            if (oneService.isEmpty() || services.isEmpty() || oneWatch.isEmpty() || watches.isEmpty()
                    || row.services() < 2 || row.upstreams() < 2) {
                continue;
            }
            MemoryPoint a = oneService.get();
            MemoryPoint s = services.get();
            MemoryPoint b = oneWatch.get();
            MemoryPoint w = watches.get();
            int n = row.services() - 1;
            int u = row.upstreams() - 1;
            table.row(row.backend(), row.upstreams() + " / " + row.services(),
                    perItem(s.heapUsedBytes() - a.heapUsedBytes(), n), perItem(w.heapUsedBytes() - b.heapUsedBytes(), u),
                    a.nativeKb() < 0 ? "—" : perItem((s.nativeKb() - a.nativeKb()) * 1024, n),
                    b.nativeKb() < 0 ? "—" : perItem((w.nativeKb() - b.nativeKb()) * 1024, u),
                    perItem((s.rssKb() - a.rssKb()) * 1024, n), perItem((w.rssKb() - b.rssKb()) * 1024, u));
        }
        return table.toString();
    }

    private static String perItem(long bytes, int items) {
        return Long.toString(Math.round((double) bytes / items)); // negative when a collection freed more than was added
    }

    private static String nativeMemory(List<ScaleRow> rows) {
        MarkdownTable table = new MarkdownTable("backend", "upstreams / services", "NMT total", "largest categories",
                "heap used after GC", "direct buffers", "platform threads");
        for (ScaleRow row : topLibraryRows(rows)) {
            Optional<MemoryPoint> end = row.outcome().at("end");
            if (end.isEmpty()) {
                continue;
            }
            String categories = row.outcome().nativeEndKb().entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())).limit(6)
                    .map(entry -> entry.getKey() + " " + MarkdownTable.number(entry.getValue() / 1024.0, 1))
                    .reduce((a, b) -> a + ", " + b).orElse("—");
            table.row(row.backend(), row.upstreams() + " / " + row.services(),
                    end.get().nativeKb() < 0 ? "—" : MarkdownTable.number(end.get().nativeKb() / 1024.0, 1), categories,
                    MarkdownTable.number(end.get().heapUsedBytes() / 1048576.0, 1),
                    MarkdownTable.number(end.get().directBytes() / 1048576.0, 2), end.get().threads());
        }
        return table.toString();
    }

    private static void chart(StringBuilder out, Path charts, Path reportDirectory, List<ScaleRow> rows, String name,
                              String title, String yLabel, ToDoubleFunction<ScaleRow> value) {
        Map<String, List<ScaleRow>> lines = new LinkedHashMap<>();
        rows.stream().filter(row -> row.measured() && row.upstreams() > 1)
                .forEach(row -> lines.computeIfAbsent(row.backend() + " " + row.process(), key -> new ArrayList<>()).add(row));
        if (lines.isEmpty()) {
            return;
        }
        List<Charts.Series> series = lines.entrySet().stream().map(entry -> new Charts.Series(entry.getKey(),
                entry.getValue().stream().mapToDouble(ScaleRow::upstreams).toArray(),
                entry.getValue().stream().mapToDouble(value).toArray())).toList();
        Path chart = charts.resolve(name);
        Charts.ladder(chart, title, "watched upstreams (log scale)", yLabel, series);
        out.append("\n![").append(title).append("](")
                .append(reportDirectory.relativize(chart).toString().replace('\\', '/')).append(")\n");
    }
}
