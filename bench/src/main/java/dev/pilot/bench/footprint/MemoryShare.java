package dev.pilot.bench.footprint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A process's memory as Linux accounts it ({@code /proc/PID/smaps_rollup}): what is resident
 * (RSS), its proportional share, where each page shared by several processes counts for each a
 * share (PSS), and what is its alone (USS: private clean plus private dirty). Ten agents started
 * from one unpacked tarball share the tarball's files: the sum of their PSS is what they cost
 * together.
 *
 * @param rssKb resident set size
 * @param pssKb proportional set size
 * @param ussKb unique set size
 */
record MemoryShare(long rssKb, long pssKb, long ussKb) {

    /** The process's figures now; empty (all zero) when it is gone or the kernel has no smaps_rollup. */
    static MemoryShare of(long pid) {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"));
            return new MemoryShare(field(lines, "Rss:"), field(lines, "Pss:"),
                    field(lines, "Private_Clean:") + field(lines, "Private_Dirty:"));
        } catch (IOException | RuntimeException e) {
            return new MemoryShare(0, 0, 0);
        }
    }

    boolean measured() {
        return rssKb > 0;
    }

    private static long field(List<String> lines, String name) {
        return lines.stream().filter(line -> line.startsWith(name))
                .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", ""))).findFirst().orElse(0);
    }
}
