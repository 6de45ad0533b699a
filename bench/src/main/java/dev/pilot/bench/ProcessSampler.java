package dev.pilot.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Samples one process's resident memory and CPU time once per interval, on a virtual thread,
 * until {@link #stop} or until the process is gone. The first sample is taken at the start and,
 * while the process runs, a last one at {@link #stop}: the samples always span the whole time
 * sampled, however short, and never depend on where the interval happened to fall.
 */
public final class ProcessSampler {

    /** One sample: seconds since sampling started, RSS and its file-backed part in MB, CPU ticks used so far. */
    public record Sample(double seconds, double rssMb, double rssFileMb, long cpuTicks) {}

    private final long pid;
    private final List<Sample> samples = new ArrayList<>();
    private final long start = System.nanoTime();
    private final SamplingThread thread;

    private ProcessSampler(long pid, Duration interval) {
        this.pid = pid;
        this.thread = new SamplingThread("bench-sampler-" + pid, interval, this::sample);
    }

    public static ProcessSampler start(long pid, Duration interval) {
        return new ProcessSampler(pid, interval);
    }

    /** One sample now; false when the process is gone. */
    private boolean sample() {
        long rss = ProcessStats.rssKb(pid);
        long rssFile = ProcessStats.rssFileKb(pid);
        long ticks = ProcessStats.cpuTicks(pid);
        if (rss < 0 || ticks < 0) {
            return false;
        }
        synchronized (samples) {
            samples.add(new Sample(Math.round((System.nanoTime() - start) / 1e7) / 100.0,
                    megabytes(rss), megabytes(rssFile), ticks));
        }
        return true;
    }

    /** Stops sampling, takes a last sample when the process still runs, and returns the samples taken. */
    public List<Sample> stop() {
        thread.stop();
        sample();
        return samples();
    }

    public List<Sample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    /** The mean CPU use between the first and last sample, in percent of one core. */
    public static double cpuPercent(List<Sample> samples) {
        if (samples.size() < 2) {
            return 0;
        }
        Sample first = samples.getFirst();
        Sample last = samples.getLast();
        double seconds = last.seconds() - first.seconds();
        return seconds <= 0 ? 0 : Math.round((last.cpuTicks() - first.cpuTicks()) / seconds * 10) / 10.0;
    }

    private static double megabytes(long kilobytes) {
        return Math.round(kilobytes / 102.4) / 10.0;
    }

    public static double maxRssMb(List<Sample> samples) {
        return samples.stream().mapToDouble(Sample::rssMb).max().orElse(0);
    }
}
