package dev.pilot.bench.throughput;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.pilot.bench.ResultFile;
import dev.pilot.bench.ResultStore;
import dev.pilot.bench.Status;
import dev.pilot.bench.report.MarkdownTable;
import dev.pilot.bench.report.Provenance;
import dev.pilot.bench.report.Section;
import java.nio.file.Path;
import java.util.Optional;

/** The heartbeat throughput table. */
public final class ThroughputSection implements Section {

    public static final TypeReference<ResultFile<ThroughputRow>> TYPE = new TypeReference<>() {};

    @Override
    public String id() {
        return "heartbeat-throughput";
    }

    @Override
    public Optional<String> render(ResultStore store, Path charts, Path reportDirectory) {
        return store.read(id(), TYPE).map(result -> {
            MarkdownTable table = new MarkdownTable("backend", "client", "services", "in flight", "heartbeats/s",
                    "rounds", "Pilot / raw", "note");
            for (ThroughputRow row : result.rows()) {
                boolean measured = row.status() == Status.MEASURED;
                table.row(row.backend(), row.client(), measured ? row.services() : "—",
                        measured ? row.concurrency() : "—", measured ? MarkdownTable.number(row.perSecond(), 0) : "—",
                        measured ? String.join(", ", row.rounds().stream().map(r -> MarkdownTable.number(r, 0)).toList()) : "—",
                        measured && !row.raw() ? MarkdownTable.number(row.ratioToRaw(), 2) : "",
                        row.note());
            }
            return table + "\n" + Provenance.of(result);
        });
    }
}
