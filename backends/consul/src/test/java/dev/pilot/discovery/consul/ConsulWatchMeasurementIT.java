package dev.pilot.discovery.consul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pilot.discovery.Instance;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.Watch;
import dev.pilot.discovery.spi.Threads;
import dev.pilot.discovery.tck.RecordingListener;
import dev.pilot.discovery.tck.Timing;
import dev.pilot.discovery.tck.servers.ServerExtension;
import dev.pilot.testservers.ConsulServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Measures, without asserting speed, what the issue asks to report: the latency from a raw write
 * to the agent to the watch listener (median and p99 over many changes), and the requests an idle
 * watch makes per minute. Results go to standard output and to
 * {@code target/measurements/consul-watch.txt}. Longer runs:
 * {@code -Dpilot.consul.changes=1000 -Dpilot.consul.spacing=0.05s -Dpilot.consul.idle=60s -Dpilot.consul.idleWait=5m}.
 */
class ConsulWatchMeasurementIT {

    private static final int CHANGES = Integer.getInteger("pilot.consul.changes", 120);
    private static final Duration SPACING = Duration.parse("PT" + System.getProperty("pilot.consul.spacing", "0.1s"));
    private static final Duration IDLE = Duration.parse("PT" + System.getProperty("pilot.consul.idle", "10s"));
    private static final Duration IDLE_WAIT = Duration.parse("PT" + System.getProperty("pilot.consul.idleWait", "2s"));

    @RegisterExtension
    static final ServerExtension<ConsulServer> CONSUL = ServerExtension.of(ConsulServer::launch);

    private record Delivery(long nanos, List<Instance> healthy) {}

    /**
     * Isolated changes, as a catalog sees them: each write comes {@code spacing} after the previous
     * one (and after its delivery, so no two changes merge into one read), which stays under the
     * watch's sustained read rate, so every change is read at once.
     */
    @Test
    void changeLatencyFromARawWriteToTheListener() throws Exception {
        String name = "latency";
        BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
        long[] latencies = new long[CHANGES];
        try (RawAgent writer = new RawAgent(CONSUL.server().address());
             ServiceBackend backend = ConsulBackendProvider.connect(ConsulConfig.from(CONSUL.server().address(), Map.of()));
             Watch ignored = backend.watch(name, "", healthy -> deliveries.add(new Delivery(System.nanoTime(), healthy)))) {
            ScheduledExecutorService writes = Executors.newSingleThreadScheduledExecutor();
            try {
                assertThat(deliveries.poll(5, TimeUnit.SECONDS)).as("the first (empty) set").isNotNull();
                long previousStart = System.nanoTime() - SPACING.toNanos();
                for (int i = 0; i < CHANGES; i++) {
                    int change = i;
                    long delay = Math.max(0, previousStart + SPACING.toNanos() - System.nanoTime());
                    long start = writes.schedule(() -> {
                        long at = System.nanoTime();
                        flip(writer, name, change);
                        return at;
                    }, delay, TimeUnit.NANOSECONDS).get(10, TimeUnit.SECONDS);
                    latencies[i] = awaitChange(deliveries, i) - start;
                    previousStart = start;
                }
            } finally {
                Threads.close(writes);
            }
        }
        report("isolated changes (at least " + SPACING.toMillis() + " ms apart)", latencies);
    }

    /**
     * Back-to-back changes: each write follows the previous delivery at once, so the watch reads
     * as fast as its rate limit allows (a burst of 10, then one read per 50 ms).
     */
    @Test
    void changeLatencyUnderContinuousChurn() throws Exception {
        String name = "churn";
        int changes = Math.max(20, CHANGES / 2);
        BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
        long[] latencies = new long[changes];
        try (RawAgent writer = new RawAgent(CONSUL.server().address());
             ServiceBackend backend = ConsulBackendProvider.connect(ConsulConfig.from(CONSUL.server().address(), Map.of()));
             Watch ignored = backend.watch(name, "", healthy -> deliveries.add(new Delivery(System.nanoTime(), healthy)))) {
            assertThat(deliveries.poll(5, TimeUnit.SECONDS)).as("the first (empty) set").isNotNull();
            for (int i = 0; i < changes; i++) {
                long start = System.nanoTime();
                flip(writer, name, i);
                latencies[i] = awaitChange(deliveries, i) - start;
            }
        }
        report("back-to-back changes", latencies);
    }

    /** Change {@code i} registers the instance when even, deregisters it when odd. */
    private static void flip(RawAgent writer, String name, int i) {
        if (i % 2 == 0) {
            writer.registerWithoutCheck(name + "-1", name, 9000);
        } else {
            writer.deregister(name + "-1");
        }
    }

    /** When change {@code i} reached the listener. */
    private static long awaitChange(BlockingQueue<Delivery> deliveries, int i) throws InterruptedException {
        Delivery delivery = deliveries.poll(5, TimeUnit.SECONDS);
        assertThat(delivery).as("change %d reached the listener", i).isNotNull();
        assertThat(delivery.healthy()).as("change %d", i).hasSize(i % 2 == 0 ? 1 : 0);
        return delivery.nanos();
    }

    @Test
    void requestsOfAnIdleWatchPerMinute() throws Exception {
        String name = "idle";
        try (RawAgent writer = new RawAgent(CONSUL.server().address()); CountingProxy proxy = new CountingProxy(CONSUL.server().address());
             ServiceBackend backend = ConsulBackendProvider.connect(
                     ConsulConfig.from(proxy.address(), Map.of()).withWatchWait(IDLE_WAIT))) {
            writer.registerWithoutCheck(name + "-1", name, 9000);
            RecordingListener listener = new RecordingListener();
            try (Watch ignored = backend.watch(name, "", listener)) {
                await().atMost(Timing.PROMPTLY).until(() -> listener.count() == 1);
                long before = proxy.count("GET", "/v1/health/service/" + name + "?");
                long from = System.nanoTime();
                await().pollDelay(IDLE).atMost(IDLE.plusSeconds(5)).until(() -> true); // the window measured
                long requests = proxy.count("GET", "/v1/health/service/" + name + "?") - before;
                double observed = (System.nanoTime() - from) / 1e9; // the window as it ran, not as asked
                report(String.format("idle watch, wait %ss, %.1fs observed: %d requests = %.1f per minute per watched upstream (first read excluded)",
                        IDLE_WAIT.toSeconds(), observed, requests, requests * 60.0 / observed));
                assertThat(listener.count()).as("nothing changed").isEqualTo(1);
            }
        }
    }

    private static long percentile(long[] sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }

    private static void report(String what, long[] latencies) throws IOException {
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        report(String.format("change latency, raw write -> listener, %s, %d changes: median %.2f ms, p90 %.2f ms, "
                        + "p99 %.2f ms, max %.2f ms", what, sorted.length, millis(percentile(sorted, 50)),
                millis(percentile(sorted, 90)), millis(percentile(sorted, 99)), millis(sorted[sorted.length - 1])));
    }

    private static void report(String line) throws IOException {
        System.out.println("[measurement] " + line);
        Path file = Path.of("target", "measurements", "consul-watch.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
