package dev.pilot.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * How much CPU the rest of the machine used while a measurement ran: all busy CPU time
 * ({@code /proc/stat}) minus the CPU time of this process and everything it started (the catalog
 * servers, benchmark JVMs), in cores. Above a few tenths of a core the numbers were measured on a
 * busy machine and the report says so.
 *
 * <p>Linux only; elsewhere it reports -1.
 */
public final class ForeignLoad {

    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on every Linux this runs on

    private final long startNanos = System.nanoTime();
    private final long startBusyTicks = machineBusyTicks();
    private final long startOwnTicks = ownTicks();

    /** Starts watching now. */
    public static ForeignLoad start() {
        return new ForeignLoad();
    }

    /** The other processes' average CPU use since {@link #start}, in cores; -1 when unknown. */
    public double cores() {
        long busy = machineBusyTicks();
        if (busy < 0 || startBusyTicks < 0) {
            return -1;
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        long foreign = (busy - startBusyTicks) - (ownTicks() - startOwnTicks);
        return Math.max(0, Math.round(foreign / TICKS_PER_SECOND / seconds * 100) / 100.0);
    }

    private static long machineBusyTicks() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/stat"))) {
            String[] fields = lines.findFirst().orElseThrow().trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal ...
            long busy = 0;
            for (int i = 1; i < fields.length && i <= 8; i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(fields[i]);
                }
            }
            return busy;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** CPU ticks of this process and its live descendants (a child that exited is lost: small). */
    private static long ownTicks() {
        ProcessHandle self = ProcessHandle.current();
        return Stream.concat(Stream.of(self), self.descendants())
                .mapToLong(process -> ProcessStats.cpuTicks(process.pid()))
                .filter(ticks -> ticks > 0)
                .sum();
    }
}
