package dev.pilot.bench.report;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.pilot.bench.Machine;
import dev.pilot.bench.ResultFile;
import dev.pilot.bench.ResultStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
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
        Map<String, Machine> machines = new LinkedHashMap<>();
        for (Section section : sections) {
            store.read(section.id(), ANY).ifPresent(result -> machines.put(section.id(), result.machine()));
        }
        return machines(machines);
    }

    /**
     * The machine table of {@code machines} (each section's result by section id, in report order):
     * one column when every result was measured on one machine, else a column per machine headed
     * by the sections measured on it; below, the catalog servers' versions those results ran.
     */
    static String machines(Map<String, Machine> machines) {
        if (machines.isEmpty()) {
            return "No results yet: run `scripts/bench`.\n";
        }
        Map<List<Object>, List<String>> sectionsOf = new LinkedHashMap<>();
        machines.forEach((section, machine) -> sectionsOf.computeIfAbsent(identity(machine), ignored -> new ArrayList<>()).add(section));
        List<String> header = new ArrayList<>(List.of(""));
        List<Machine> columns = new ArrayList<>();
        List<Map<String, String>> serversOf = new ArrayList<>();
        Set<String> servers = new TreeSet<>();
        sectionsOf.forEach((identity, sections) -> {
            header.add(sectionsOf.size() == 1 ? "" : "measured: " + String.join(", ", sections));
            columns.add(machines.get(sections.getFirst()));
            Map<String, String> versions = new TreeMap<>();
            sections.forEach(section -> versions.putAll(machines.get(section).serverVersions()));
            serversOf.add(versions);
            servers.addAll(versions.keySet());
        });
        MarkdownTable table = new MarkdownTable(header.toArray(String[]::new));
        table.row(row("cores", columns, Machine::cores));
        table.row(row("memory", columns, machine -> String.format("%,d MB", machine.memoryMb())));
        table.row(row("processor", columns, Machine::cpu));
        table.row(row("OS", columns, Machine::os));
        table.row(row("JDK", columns, Machine::jdk));
        for (String backend : servers) {
            table.row(row(backend + " server", serversOf, versions -> versions.getOrDefault(backend, "—")));
        }
        return table.toString();
    }

    /** What makes two results' machines one: not the load or the servers they ran. */
    private static List<Object> identity(Machine machine) {
        return List.of(machine.cores(), machine.memoryMb(), machine.cpu(), machine.os(), machine.jdk());
    }

    private static <T> Object[] row(String name, List<T> columns, Function<T, Object> value) {
        List<Object> cells = new ArrayList<>(List.of(name));
        columns.forEach(column -> cells.add(value.apply(column)));
        return cells.toArray();
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
