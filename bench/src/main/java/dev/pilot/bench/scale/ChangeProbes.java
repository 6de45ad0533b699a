package dev.pilot.bench.scale;

import dev.pilot.bench.catalog.ChangeWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * Times changes to one upstream of a running {@link ScaleWorkload}: the server's own client adds
 * an instance {@code probe-<k>}, and the workload prints the {@link System#nanoTime()} its
 * listener saw it at (a monotonic clock shared by the processes of one Linux machine); then the
 * instance is removed and its removal awaited. Each wait is bounded.
 */
final class ChangeProbes {

    static final String PREFIX = "probe-";
    private static final Duration EACH = Duration.ofSeconds(10);
    private static final long POLL_NANOS = 2_000_000;

    private ChangeProbes() {}

    /** Waits (at most {@code timeout}) until the workload printed {@code ready}; false when it did not. */
    static boolean awaitReady(Path output, Duration timeout, Process process) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            if (lines(output).contains("ready")) {
                return true;
            }
            LockSupport.parkNanos(50_000_000);
        }
        return false;
    }

    /** {@code count} changes to {@code service}; the latencies in microseconds of those seen in time. */
    static List<Long> run(ChangeWriter writer, Path output, String service, int count) {
        List<Long> micros = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            String id = PREFIX + k;
            long sent = System.nanoTime();
            writer.add(service, id, 20_000 + k);
            Optional<Long> seen = await(output, "+" + id);
            writer.remove(service, id);
            seen.ifPresent(nanos -> micros.add(Math.max(0, nanos - sent) / 1_000));
            await(output, "-" + id);
        }
        return micros;
    }

    /** The median of {@code micros} in milliseconds; -1 when empty. */
    static double medianMs(List<Long> micros) {
        if (micros.isEmpty()) {
            return -1;
        }
        List<Long> sorted = micros.stream().sorted().toList();
        return Math.round(sorted.get(sorted.size() / 2) / 10.0) / 100.0;
    }

    private static Optional<Long> await(Path output, String prefix) {
        long deadline = System.nanoTime() + EACH.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : lines(output)) {
                if (line.startsWith(prefix + " ")) {
                    return Optional.of(Long.parseLong(line.substring(prefix.length() + 1).strip()));
                }
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        return Optional.empty();
    }

    private static List<String> lines(Path output) {
        try {
            return Files.readAllLines(output);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
