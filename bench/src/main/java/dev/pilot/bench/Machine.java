package dev.pilot.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The machine a result was measured on. How busy it was during each measurement is
 * {@link ForeignLoad}'s business.
 *
 * @param cores          processors available to the JVM
 * @param memoryMb       total memory
 * @param cpu            the processor model
 * @param os             kernel name and version
 * @param jdk            the JDK running the benchmarks
 * @param loadAverage    the one-minute load average when the measurement started
 * @param serverVersions version of each catalog server, by backend
 */
public record Machine(int cores, long memoryMb, String cpu, String os, String jdk, double loadAverage,
                      Map<String, String> serverVersions) {

    public Machine {
        serverVersions = Map.copyOf(serverVersions);
    }

    /** This machine, with the load average read when the measurement started. */
    public static Machine current(Map<String, String> serverVersions, double loadAverage) {
        return new Machine(Runtime.getRuntime().availableProcessors(), readMemoryMb(), readCpu(),
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                loadAverage, new TreeMap<>(serverVersions));
    }

    /** The one-minute load average from /proc/loadavg; -1 where there is none. */
    public static double currentLoadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long readMemoryMb() {
        return procLine(Path.of("/proc/meminfo"), "MemTotal:")
                .map(line -> Long.parseLong(line.replaceAll("\\D", "")) / 1024)
                .orElse(Runtime.getRuntime().maxMemory() / (1024 * 1024));
    }

    private static String readCpu() {
        return procLine(Path.of("/proc/cpuinfo"), "model name")
                .map(line -> line.substring(line.indexOf(':') + 1).trim())
                .orElse(System.getProperty("os.arch"));
    }

    private static java.util.Optional<String> procLine(Path file, String prefix) {
        try (var lines = Files.lines(file)) {
            return lines.filter(line -> line.startsWith(prefix)).findFirst();
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }
}
