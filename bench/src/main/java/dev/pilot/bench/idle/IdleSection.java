package dev.pilot.bench.idle;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.pilot.bench.ResultFile;
import dev.pilot.bench.ResultStore;
import dev.pilot.bench.Status;
import dev.pilot.bench.report.MarkdownTable;
import dev.pilot.bench.report.Provenance;
import dev.pilot.bench.report.Section;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Collectors;

/** The idle load table. */
public final class IdleSection implements Section {

    public static final TypeReference<ResultFile<IdleRow>> TYPE = new TypeReference<>() {};

    @Override
    public String id() {
        return "idle-load";
    }

    @Override
    public Optional<String> render(ResultStore store, Path charts, Path reportDirectory) {
        return store.read(id(), TYPE).map(result -> {
            MarkdownTable table = new MarkdownTable("backend", "client", "requests/min", "by kind (per min)",
                    "watches alone, requests/min", "per watched upstream per min", "counted as", "note");
            for (IdleRow row : result.rows()) {
                boolean measured = row.status() == Status.MEASURED;
                table.row(row.backend(), row.client(), measured ? MarkdownTable.number(row.perMinute(), 1) : "—",
                        measured ? row.byKindPerMinute().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                                .map(entry -> entry.getKey() + " " + MarkdownTable.number(entry.getValue(), 1))
                                .collect(Collectors.joining(", ")) : "—",
                        measured ? MarkdownTable.number(row.watchesOnlyPerMinute(), 1) : "—",
                        measured ? MarkdownTable.number(row.beyondHeartbeatsPerUpstream(), 2) : "—",
                        row.method(), row.note());
            }
            return table + "\n" + Provenance.of(result);
        });
    }
}
