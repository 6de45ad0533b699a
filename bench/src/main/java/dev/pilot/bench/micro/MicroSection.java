package dev.pilot.bench.micro;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.pilot.bench.ResultFile;
import dev.pilot.bench.ResultStore;
import dev.pilot.bench.Status;
import dev.pilot.bench.report.MarkdownTable;
import dev.pilot.bench.report.Provenance;
import dev.pilot.bench.report.Section;
import java.nio.file.Path;
import java.util.Optional;

/** The JMH table of change detection. */
public final class MicroSection implements Section {

    public static final TypeReference<ResultFile<MicroRow>> TYPE = new TypeReference<>() {};

    @Override
    public String id() {
        return "change-detection";
    }

    @Override
    public Optional<String> render(ResultStore store, Path charts, Path reportDirectory) {
        return store.read(id(), TYPE).map(result -> {
            MarkdownTable table = new MarkdownTable("benchmark", "instances", "time per operation", "± (99.9 %)", "note");
            for (MicroRow row : result.rows()) {
                boolean measured = row.status() == Status.MEASURED;
                table.row(row.benchmark(), String.format("%,d", row.size()),
                        measured ? MarkdownTable.number(row.score(), 2) + " " + row.unit() : "—",
                        measured ? MarkdownTable.number(row.error(), 2) : "—", row.note());
            }
            return table + "\n" + Provenance.of(result);
        });
    }
}
