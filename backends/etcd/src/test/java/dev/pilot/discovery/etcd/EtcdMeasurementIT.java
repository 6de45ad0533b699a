package dev.pilot.discovery.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pilot.discovery.Instance;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.discovery.Watch;
import dev.pilot.discovery.spi.Threads;
import dev.pilot.discovery.tck.servers.ServerExtension;
import dev.pilot.testservers.EtcdServer;
import dev.pilot.testservers.TcpProxy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Measures, against one real etcd node, the figures the module README reports: how long a change takes
 * from a raw write to the listener, and how many heartbeats per second one node takes. Nothing
 * here asserts a time (the machine is shared; speed is reported, not enforced); what is asserted
 * is that every change arrived, in order, and every heartbeat succeeded. The figures are printed
 * and appended to {@code target/etcd-measurements.txt}.
 */
class EtcdMeasurementIT {

    @RegisterExtension
    static final ServerExtension<EtcdServer> ETCD = ServerExtension.of(EtcdServer::launch);

    private static final int WARM_UP = 100;
    private static final int CHANGES = 300;
    private static final Duration HEARTBEAT_WARM_UP = Duration.ofSeconds(2);
    private static final Duration HEARTBEAT_RUN = Duration.ofSeconds(3);

    private record Delivery(long nanos, List<Instance> healthy) {}

    @Test
    void changeLatencyFromARawWriteToTheListener() throws Exception {
        String name = "latency";
        String key = "/containerpilot/" + name + "/" + name + "-1";
        RawEtcd raw = new RawEtcd(ETCD.server().address());
        BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
        long[] latencies = new long[CHANGES];
        try (ServiceBackend backend = connect();
             Watch ignored = backend.watch(name, "", healthy -> deliveries.add(new Delivery(System.nanoTime(), healthy)))) {
            assertThat(deliveries.poll(10, TimeUnit.SECONDS)).as("the first, empty set").isNotNull();
            for (int i = 0; i < WARM_UP + CHANGES; i++) {
                int port = 10_000 + i;
                long start = System.nanoTime();
                raw.put(key, "{\"id\":\"" + name + "-1\",\"name\":\"" + name + "\",\"address\":\"127.0.0.1\",\"port\":" + port + ",\"tags\":null}");
                Delivery delivery = deliveries.poll(10, TimeUnit.SECONDS);
                assertThat(delivery).as("change %d delivered", i).isNotNull();
                assertThat(delivery.healthy()).extracting(Instance::port).containsExactly(port);
                if (i >= WARM_UP) {
                    latencies[i - WARM_UP] = delivery.nanos() - start;
                }
            }
        }
        Arrays.sort(latencies);
        report(String.format("change latency, raw put -> listener, %d changes after %d warm-up: median %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms",
                CHANGES, WARM_UP, millis(latencies[CHANGES / 2]), millis(latencies[CHANGES * 90 / 100]),
                millis(latencies[CHANGES * 99 / 100]), millis(latencies[CHANGES - 1])));
    }

    @Test
    void connectionsAndChangeLatencyWithOneTenAndTwoHundredFiftyWatches() throws Exception {
        for (int watches : new int[] {1, 10, 250}) {
            connectionsAndLatency(watches);
        }
    }

    /**
     * Watches {@code watches} upstreams through a proxy that counts connections, changes each once
     * (every watch must deliver it), then times {@value #LATENCY_CHANGES} changes of the first one.
     */
    private static void connectionsAndLatency(int watches) throws Exception {
        String run = "conn" + watches + "-";
        RawEtcd raw = new RawEtcd(ETCD.server().address());
        List<BlockingQueue<Delivery>> deliveries = new ArrayList<>();
        List<Watch> handles = new ArrayList<>();
        long[] latencies = new long[LATENCY_CHANGES];
        try (TcpProxy proxy = new TcpProxy(ETCD.server().address());
             ServiceBackend backend = new EtcdBackendProvider().create(Map.of("endpoints", "http://" + proxy.address()))) {
            for (int i = 0; i < watches; i++) {
                BlockingQueue<Delivery> queue = new LinkedBlockingQueue<>();
                deliveries.add(queue);
                handles.add(backend.watch(run + i, "", healthy -> queue.add(new Delivery(System.nanoTime(), healthy))));
            }
            for (int i = 0; i < watches; i++) {
                assertThat(deliveries.get(i).poll(60, TimeUnit.SECONDS)).as("the first set of watch %d", i).isNotNull();
            }
            for (int i = 0; i < watches; i++) {
                raw.put(instanceKey(run + i), instanceJson(run + i, 9000));
            }
            for (int i = 0; i < watches; i++) {
                Delivery delivery = deliveries.get(i).poll(60, TimeUnit.SECONDS);
                assertThat(delivery).as("the change of watch %d", i).isNotNull();
                assertThat(delivery.healthy()).extracting(Instance::port).containsExactly(9000);
            }
            int openAfterChanges = proxy.openConnections();
            BlockingQueue<Delivery> first = deliveries.get(0);
            for (int i = 0; i < LATENCY_WARM_UP + LATENCY_CHANGES; i++) {
                int port = 10_000 + i;
                long start = System.nanoTime();
                raw.put(instanceKey(run + 0), instanceJson(run + 0, port));
                Delivery delivery = first.poll(10, TimeUnit.SECONDS);
                assertThat(delivery).as("change %d delivered", i).isNotNull();
                assertThat(delivery.healthy()).extracting(Instance::port).containsExactly(port);
                if (i >= LATENCY_WARM_UP) {
                    latencies[i - LATENCY_WARM_UP] = delivery.nanos() - start;
                }
            }
            Arrays.sort(latencies);
            report(String.format("%d watches: connections to etcd open %d, at most %d at once; one watch's change latency, "
                    + "raw put -> listener, %d changes after %d warm-up: median %.2f ms, p90 %.2f ms", watches,
                    openAfterChanges, proxy.mostOpenConnections(), LATENCY_CHANGES, LATENCY_WARM_UP,
                    millis(latencies[LATENCY_CHANGES / 2]), millis(latencies[LATENCY_CHANGES * 90 / 100])));
            handles.forEach(Watch::cancel);
        }
    }

    @Test
    void oneWatchsChangeLatencyWhileUnwatchedServicesChurn() throws Exception {
        String name = "quiet";
        RawEtcd raw = new RawEtcd(ETCD.server().address());
        RawEtcd noisy = new RawEtcd(ETCD.server().address());
        BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
        long[] latencies = new long[LATENCY_CHANGES];
        AtomicBoolean measuring = new AtomicBoolean(true);
        AtomicLong noise = new AtomicLong();
        try (ServiceBackend backend = connect();
             Watch ignored = backend.watch(name, "", healthy -> deliveries.add(new Delivery(System.nanoTime(), healthy)))) {
            ExecutorService writers = Threads.perTaskExecutor("pilot-test-writers-");
            try {
                assertThat(deliveries.poll(10, TimeUnit.SECONDS)).as("the first, empty set").isNotNull();
                Future<?> writer = writers.submit(() -> {
                    // Bounded: stops when the measurement ends, or after NOISE_WRITES writes.
                    for (int i = 0; i < NOISE_WRITES && measuring.get(); i++) {
                        String other = "noise-" + (i % 50);
                        noisy.put(instanceKey(other), instanceJson(other, 1 + i % 60_000));
                        noise.incrementAndGet();
                    }
                });
                long started = System.nanoTime();
                for (int i = 0; i < LATENCY_WARM_UP + LATENCY_CHANGES; i++) {
                    int port = 10_000 + i;
                    long start = System.nanoTime();
                    raw.put(instanceKey(name), instanceJson(name, port));
                    Delivery delivery = deliveries.poll(10, TimeUnit.SECONDS);
                    assertThat(delivery).as("change %d delivered", i).isNotNull();
                    assertThat(delivery.healthy()).extracting(Instance::port).containsExactly(port);
                    if (i >= LATENCY_WARM_UP) {
                        latencies[i - LATENCY_WARM_UP] = delivery.nanos() - start;
                    }
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                long written = noise.get();
                measuring.set(false);
                writer.get();
                Arrays.sort(latencies);
                report(String.format("one watch while one thread writes 50 unwatched services (%.0f writes/s): change latency, "
                        + "raw put -> listener, %d changes after %d warm-up: median %.2f ms, p90 %.2f ms", written / seconds,
                        LATENCY_CHANGES, LATENCY_WARM_UP, millis(latencies[LATENCY_CHANGES / 2]),
                        millis(latencies[LATENCY_CHANGES * 90 / 100])));
            } finally {
                Threads.close(writers);
            }
        }
    }

    private static final int NOISE_WRITES = 100_000;
    private static final int LATENCY_WARM_UP = 20;
    private static final int LATENCY_CHANGES = 40;

    private static String instanceKey(String name) {
        return "/containerpilot/" + name + "/" + name + "-1";
    }

    private static String instanceJson(String name, int port) {
        return "{\"id\":\"" + name + "-1\",\"name\":\"" + name + "\",\"address\":\"127.0.0.1\",\"port\":" + port + "}";
    }

    @Test
    void heartbeatThroughputAgainstOneNode() throws Exception {
        try (ServiceBackend backend = connect()) {
            ServiceDefinition one = service("throughput", 1);
            backend.sendHeartbeat(one);
            heartbeatsFor(backend, List.of(one), HEARTBEAT_WARM_UP); // let the JIT compile the path first
            long sequential = heartbeatsFor(backend, List.of(one), HEARTBEAT_RUN);

            List<ServiceDefinition> many = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                many.add(service("throughput-many", i));
                backend.sendHeartbeat(many.get(many.size() - 1));
            }
            long concurrent = heartbeatsFor(backend, many, HEARTBEAT_RUN);

            assertThat(backend.instances("throughput-many", "")).hasSize(16);
            report(String.format("heartbeats (keep-alive-once + key check), one client, one node, after %d s warm-up: "
                    + "%.0f/s from one thread; %.0f/s from 16 virtual threads on 16 instances", HEARTBEAT_WARM_UP.toSeconds(),
                    sequential / (double) HEARTBEAT_RUN.toSeconds(), concurrent / (double) HEARTBEAT_RUN.toSeconds()));
        }
    }

    /** Heartbeats each service from its own thread, back to back, for {@code run}; returns how many succeeded. */
    private static long heartbeatsFor(ServiceBackend backend, List<ServiceDefinition> services, Duration run) throws Exception {
        long end = System.nanoTime() + run.toNanos();
        List<Future<Long>> counts = new ArrayList<>();
        ExecutorService threads = Threads.perTaskExecutor("pilot-test-threads-");
        try {
            for (ServiceDefinition service : services) {
                counts.add(threads.submit(() -> {
                    long count = 0;
                    while (System.nanoTime() < end) {
                        backend.sendHeartbeat(service);
                        count++;
                    }
                    return count;
                }));
            }
            long total = 0;
            for (Future<Long> count : counts) {
                total += count.get();
            }
            return total;
        } finally {
            Threads.close(threads);
        }
    }

    private static ServiceBackend connect() {
        return new EtcdBackendProvider().create(Map.of("endpoints", "http://" + ETCD.server().address()));
    }

    private static ServiceDefinition service(String name, int n) {
        return new ServiceDefinition(name + "-" + n, name, 8000 + n, Duration.ofSeconds(30), List.of(), "127.0.0.1");
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    private static void report(String line) throws IOException {
        System.out.println("MEASURED " + line);
        Files.writeString(Path.of("target", "etcd-measurements.txt"), line + System.lineSeparator(),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
