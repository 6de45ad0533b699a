package dev.pilot.bench.report;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.pilot.bench.Machine;
import dev.pilot.bench.ResultFile;
import dev.pilot.bench.ResultStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Regenerates the tables of {@code BENCHMARKS.md} from the stored results. Each generated part
 * sits between {@code <!-- bench:ID -->} and {@code <!-- /bench:ID -->}; everything outside the
 * markers (the reading of the numbers) is left as written. A missing marker pair is appended.
 */
public final class Report {

    private static final TypeReference<ResultFile<Object>> ANY = new TypeReference<>() {};

    private final List<Section> sections;

    public Report(List<Section> sections) {
        this.sections = List.copyOf(sections);
    }

    /** Rewrites the generated parts of {@code reportFile}; charts go to {@code <results>/charts}. */
    public void write(ResultStore store, Path reportFile) {
        Path charts = store.directory().toAbsolutePath().resolve("charts");
        deleteCharts(charts); // every chart is drawn again from the results; none may outlive its data
        String text = render(read(reportFile), store, charts, reportFile.toAbsolutePath().getParent());
        try {
            Files.writeString(reportFile, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + reportFile, e);
        }
    }

    /**
     * {@code text} with its generated parts drawn again from {@code store}; charts are drawn into
     * {@code charts} and linked relative to {@code reportDirectory}. Writes nothing else.
     */
    public String render(String text, ResultStore store, Path charts, Path reportDirectory) {
        String rendered = replace(text, "machine", machine(store, sections));
        for (Section section : sections) {
            Optional<String> part = section.render(store, charts, reportDirectory);
            if (part.isPresent()) {
                rendered = replace(rendered, section.id(), part.get());
            }
        }
        return rendered;
    }

    private static String machine(ResultStore store, List<Section> sections) {
        Map<String, String> servers = new TreeMap<>();
        Machine machine = null;
        for (Section section : sections) {
            Optional<ResultFile<Object>> result = store.read(section.id(), ANY);
            if (result.isPresent()) {
                machine = result.get().machine();
                servers.putAll(machine.serverVersions());
            }
        }
        if (machine == null) {
            return "No results yet: run `scripts/bench`.\n";
        }
        MarkdownTable table = new MarkdownTable("", "")
                .row("cores", machine.cores())
                .row("memory", String.format("%,d MB", machine.memoryMb()))
                .row("processor", machine.cpu())
                .row("OS", machine.os())
                .row("JDK", machine.jdk());
        servers.forEach((backend, version) -> table.row(backend + " server", version));
        return table.toString();
    }

    private static void deleteCharts(Path charts) {
        if (!Files.isDirectory(charts)) {
            return;
        }
        try (var files = Files.newDirectoryStream(charts, "*.png")) {
            for (Path chart : files) {
                Files.delete(chart);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the old charts in " + charts, e);
        }
    }

    static String replace(String text, String id, String content) {
        String begin = "<!-- bench:" + id + " -->";
        String end = "<!-- /bench:" + id + " -->";
        String block = begin + "\n" + content.strip() + "\n" + end;
        Matcher matcher = Pattern.compile(Pattern.quote(begin) + ".*?" + Pattern.quote(end), Pattern.DOTALL).matcher(text);
        if (matcher.find()) {
            return text.substring(0, matcher.start()) + block + text.substring(matcher.end());
        }
        return text.stripTrailing() + "\n\n## " + id + "\n\n" + block + "\n";
    }

    private static String read(Path reportFile) {
        try {
            return Files.exists(reportFile) ? Files.readString(reportFile) : "# Pilot benchmarks\n\n<!-- bench:machine -->\n<!-- /bench:machine -->\n";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + reportFile, e);
        }
    }
}
