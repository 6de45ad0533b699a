package dev.pilot.bench.scale;

import dev.pilot.bench.SamplingThread;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Every two seconds, until stopped: how many threads a process has ({@code /proc/<pid>/status})
 * and how many established TCP connections it holds to one port of 127.0.0.1 — its sockets
 * ({@code /proc/<pid>/fd}) matched by inode against {@code /proc/<pid>/net/tcp} and {@code tcp6}.
 * Keeps the largest of each. A periodic reading can fall beside a short-lived state; what must
 * not be missed is also counted at an event the caller waits for ({@link #connections(long, int)}).
 */
final class ProcessGauges implements AutoCloseable {

    private static final Duration INTERVAL = Duration.ofSeconds(2);
    private static final String ESTABLISHED = "01";

    private final long pid;
    private final int port;
    private final AtomicInteger threads = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger(-1);
    private final SamplingThread thread;

    /** {@code port} -1: no server (local); connections stay -1. */
    ProcessGauges(long pid, int port) {
        this.pid = pid;
        this.port = port;
        this.thread = new SamplingThread("bench-gauges-" + pid, INTERVAL, this::sample);
    }

    /** One reading now; false when the process is gone. */
    private boolean sample() {
        int now = threads(pid);
        if (now < 0) {
            return false;
        }
        threads.accumulateAndGet(now, Math::max);
        if (port > 0) {
            connections.accumulateAndGet(connections(pid, port), Math::max);
        }
        return true;
    }

    int maxThreads() {
        return threads.get();
    }

    int maxConnections() {
        return connections.get();
    }

    /** A last reading (when the process still runs), then stops. */
    @Override
    public void close() {
        sample();
        thread.stop();
    }

    static int threads(long pid) {
        try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), "status"))) {
            return lines.filter(line -> line.startsWith("Threads:"))
                    .mapToInt(line -> Integer.parseInt(line.substring("Threads:".length()).strip()))
                    .findFirst().orElse(-1);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Established TCP connections of process {@code pid} whose remote end is {@code port}. */
    static int connections(long pid, int port) {
        Path proc = Path.of("/proc", Long.toString(pid));
        Set<String> sockets = new HashSet<>();
        try (Stream<Path> fds = Files.list(proc.resolve("fd"))) {
            fds.forEach(fd -> {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        sockets.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException | RuntimeException e) {
                    // closed meanwhile
                }
            });
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        String remotePort = String.format(Locale.ROOT, ":%04X", port);
        int count = 0;
        for (String table : new String[] {"tcp", "tcp6"}) {
            try (Stream<String> lines = Files.lines(proc.resolve("net").resolve(table))) {
                count += (int) lines.skip(1).map(String::strip).map(line -> line.split("\\s+"))
                        .filter(fields -> fields.length > 9 && fields[2].endsWith(remotePort) && fields[3].equals(ESTABLISHED)
                                && sockets.contains(fields[9]))
                        .count();
            } catch (IOException | RuntimeException e) {
                // no such table
            }
        }
        return count;
    }
}
