package dev.pilot.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** What Linux says about one process: its resident memory and the CPU time it has used. */
public final class ProcessStats {

    private ProcessStats() {}

    /** Resident set size in kB ({@code VmRSS}); -1 when the process is gone. */
    public static long rssKb(long pid) {
        return status(pid, "VmRSS:");
    }

    /**
     * The file-backed part of the resident set in kB ({@code RssFile}): mapped code such as the
     * JVM's own library, shared with every other process that maps the same files; -1 when gone.
     */
    public static long rssFileKb(long pid) {
        return status(pid, "RssFile:");
    }

    private static long status(long pid, String field) {
        try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), "status"))) {
            return lines.filter(line -> line.startsWith(field))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
                    .findFirst().orElse(-1);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** User plus system CPU time in clock ticks (1/100 s); -1 when the process is gone. */
    public static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name may hold spaces; the fields after its closing parenthesis do not.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
