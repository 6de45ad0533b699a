package dev.pilot.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A part of {@code BENCHMARKS.md} that one benchmark module writes itself, between
 * {@code <!-- ID -->} and {@code <!-- /ID -->} (the routing benchmarks: {@code bench-spring:routing},
 * {@code bench-grpc:routing}); the text outside the markers is left as written. The part is stored
 * as written, without trimming: {@link #in} returns exactly what {@link #writeInto} wrote.
 *
 * @param id what the markers name
 */
public record MarkedSection(String id) {

    public String begin() {
        return "<!-- " + id + " -->";
    }

    public String end() {
        return "<!-- /" + id + " -->";
    }

    /** The part in {@code text} (between the markers, without them); empty when there is none. */
    public String in(String text) {
        int begin = text.indexOf(begin());
        int end = text.indexOf(end());
        return begin >= 0 && end > begin ? text.substring(begin + begin().length() + 1, end) : "";
    }

    /** Replaces the part in {@code file} by {@code markdown}, or appends it with its markers when there is none. */
    public void writeInto(Path file, String markdown) {
        try {
            String text = Files.exists(file) ? Files.readString(file) : "";
            String section = begin() + "\n" + markdown + end();
            int begin = text.indexOf(begin());
            int end = text.indexOf(end());
            String updated = begin >= 0 && end > begin
                    ? text.substring(0, begin) + section + text.substring(end + end().length())
                    : text + "\n" + section + "\n";
            Files.writeString(file, updated);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
