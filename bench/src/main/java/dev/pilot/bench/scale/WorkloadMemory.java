package dev.pilot.bench.scale;

import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.management.ObjectName;

/**
 * The scale workload's own memory: RSS, heap after a full collection, direct buffers, threads,
 * and what Native Memory Tracking says the JVM committed (the workload runs with
 * {@code -XX:NativeMemoryTracking=summary}; asked through the {@code DiagnosticCommand} MBean,
 * as {@code jcmd <pid> VM.native_memory summary} would).
 */
final class WorkloadMemory {

    private static final Pattern TOTAL = Pattern.compile("Total: reserved=\\d+KB, committed=(\\d+)KB");
    private static final Pattern CATEGORY = Pattern.compile("^-\\s+(.+?) \\(reserved=\\d+KB, committed=(\\d+)KB\\)",
            Pattern.MULTILINE);

    private WorkloadMemory() {}

    static MemoryPoint take(String stage) {
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
        Matcher total = TOTAL.matcher(nativeSummary());
        return new MemoryPoint(stage, rssKb(), heap, total.find() ? Long.parseLong(total.group(1)) : -1, direct,
                ManagementFactory.getThreadMXBean().getThreadCount());
    }

    /** Committed kB per Native Memory Tracking category ({@code Java Heap}, {@code Thread}, {@code Class}, …). */
    static Map<String, Long> nativeCategoriesKb() {
        Map<String, Long> categories = new LinkedHashMap<>();
        Matcher category = CATEGORY.matcher(nativeSummary());
        while (category.find()) {
            categories.put(category.group(1).strip(), Long.parseLong(category.group(2)));
        }
        return categories;
    }

    private static String nativeSummary() {
        try {
            Object text = ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "vmNativeMemory",
                    new Object[] {new String[] {"summary"}}, new String[] {String[].class.getName()});
            return String.valueOf(text);
        } catch (Exception e) {
            return "";
        }
    }

    private static long rssKb() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/status"))) {
            return lines.filter(line -> line.startsWith("VmRSS:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", ""))).findFirst().orElse(-1);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
