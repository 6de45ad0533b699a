package dev.pilot.bench.scale;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a JVM's {@code -Xlog:gc} log says of its full collections: how many there were, and the most
 * that was live after one, against the heap's size then. The live heap after a full collection is
 * what the heap's cap must leave room for; the agent's serial collector grows the heap itself to
 * the cap whatever is live, so RSS alone cannot tell how close to the cap an agent runs.
 *
 * @param fullCollections how many full collections the log shows
 * @param maxLiveMb       the most live after a full collection, in MB
 * @param heapMb          the heap's size at that collection, in MB
 */
record GcSummary(int fullCollections, int maxLiveMb, int heapMb) {

    /** {@code [12.345s][info][gc] GC(7) Pause Full (Allocation Failure) 44M->13M(46M) 51.2ms}. */
    private static final Pattern FULL = Pattern.compile("Pause Full \\(.*\\) \\d+M->(\\d+)M\\((\\d+)M\\)");

    /** The summary of {@code lines}; empty when no full collection happened. */
    static Optional<GcSummary> of(List<String> lines) {
        int count = 0;
        int live = -1;
        int heap = -1;
        for (String line : lines) {
            Matcher full = FULL.matcher(line);
            if (full.find()) {
                count++;
                int after = Integer.parseInt(full.group(1));
                if (after > live) {
                    live = after;
                    heap = Integer.parseInt(full.group(2));
                }
            }
        }
        return count == 0 ? Optional.empty() : Optional.of(new GcSummary(count, live, heap));
    }

    /** The summary of the log at {@code file}; empty when it cannot be read or shows no full collection. */
    static Optional<GcSummary> read(Path file) {
        try {
            return of(Files.readAllLines(file));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** For a row's note: {@code "live heap after a full collection at most 13 of 46 MB (12 full collections)"}. */
    String describe() {
        return "live heap after a full collection at most " + maxLiveMb + " of " + heapMb + " MB (" + fullCollections
                + " full collection" + (fullCollections == 1 ? "" : "s") + ")";
    }
}
