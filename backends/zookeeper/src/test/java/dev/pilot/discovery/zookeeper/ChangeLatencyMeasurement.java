package dev.pilot.discovery.zookeeper;

import dev.pilot.discovery.Instance;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.Watch;
import dev.pilot.testservers.ZooKeeperServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.AddWatchMode;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Watcher;

/**
 * Measures change latency, not a test: the time from a raw Curator write (a node created or
 * deleted under {@code /containerpilot/{name}}) to the Pilot watch listener receiving the new
 * set, next to ZooKeeper's own notification time (the same write to a bare persistent watch on
 * another session). One change at a time, each awaited before the next, on a real ZooKeeper
 * server (its own process); the set moves between 0 and 5 instances.
 *
 * <p>Run: {@code java -cp <test class path> dev.pilot.discovery.zookeeper.ChangeLatencyMeasurement [changes]}
 * (see the module README). Prints median, p90, p99 and max.
 */
public final class ChangeLatencyMeasurement {

    private static final int WARMUP = 50;
    private static final int SLOTS = 5;
    private static final Duration DELIVERY_DEADLINE = Duration.ofSeconds(5);

    private record Delivery(long nanos, List<String> ids) {}

    public static void main(String[] args) throws Exception {
        int changes = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        String name = "latency";
        try (ZooKeeperServer server = ZooKeeperServer.launch();
             RawZooKeeper writer = RawZooKeeper.connect(server.address());
             RawZooKeeper bare = RawZooKeeper.connect(server.address());
             ServiceBackend pilot = ZooKeeperBackendProvider.connect(ZooKeeperConfig.of(server.address()))) {
            CuratorFramework raw = writer.curator();
            BlockingQueue<Delivery> pilotDeliveries = new LinkedBlockingQueue<>();
            BlockingQueue<Long> serverEvents = new LinkedBlockingQueue<>();
            String servicePath = ZooKeeperConfig.DEFAULT_PREFIX + "/" + name;
            raw.create().creatingParentsIfNeeded().forPath(servicePath);
            bare.curator().watchers().add().withMode(AddWatchMode.PERSISTENT_RECURSIVE).usingWatcher((Watcher) event -> {
                if (event.getType() != Watcher.Event.EventType.None) {
                    serverEvents.add(System.nanoTime());
                }
            }).forPath(servicePath);
            try (Watch ignored = pilot.watch(name, "", healthy ->
                    pilotDeliveries.add(new Delivery(System.nanoTime(), healthy.stream().map(Instance::id).toList())))) {
                take(pilotDeliveries); // the initial, empty set
                TreeSet<String> present = new TreeSet<>();
                long[] pilotNanos = new long[changes];
                long[] serverNanos = new long[changes];
                for (int i = -WARMUP; i < changes; i++) {
                    String id = name + "-" + Math.floorMod(i, SLOTS);
                    String path = servicePath + "/" + id;
                    boolean add = !present.contains(id);
                    byte[] body = ("{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"address\":\"127.0.0.1\",\"port\":"
                            + (8000 + Math.floorMod(i, SLOTS)) + ",\"tags\":[]}").getBytes(StandardCharsets.UTF_8);
                    long start = System.nanoTime();
                    if (add) {
                        raw.create().withMode(CreateMode.EPHEMERAL).forPath(path, body);
                        present.add(id);
                    } else {
                        raw.delete().forPath(path);
                        present.remove(id);
                    }
                    long serverEvent = takeEvent(serverEvents);
                    Delivery delivery = take(pilotDeliveries);
                    while (!delivery.ids().equals(List.copyOf(present))) {
                        delivery = take(pilotDeliveries);
                    }
                    if (i >= 0) {
                        pilotNanos[i] = delivery.nanos() - start;
                        serverNanos[i] = serverEvent - start;
                    }
                }
                System.out.printf(Locale.ROOT, "ZooKeeper change latency over %d changes (%d warm-up), set of 0-%d instances:%n",
                        changes, WARMUP, SLOTS);
                print("raw write -> Pilot watch listener", pilotNanos);
                print("raw write -> bare ZooKeeper watch", serverNanos);
            }
        }
    }

    private static Delivery take(BlockingQueue<Delivery> deliveries) throws InterruptedException {
        Delivery delivery = deliveries.poll(DELIVERY_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        if (delivery == null) {
            throw new IllegalStateException("no delivery within " + DELIVERY_DEADLINE);
        }
        return delivery;
    }

    private static long takeEvent(BlockingQueue<Long> events) throws InterruptedException {
        Long event = events.poll(DELIVERY_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        if (event == null) {
            throw new IllegalStateException("no ZooKeeper event within " + DELIVERY_DEADLINE);
        }
        return event;
    }

    private static void print(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "  %-36s median %6.2f ms  p90 %6.2f ms  p99 %6.2f ms  max %6.2f ms%n", what,
                millis(percentile(sorted, 50)), millis(percentile(sorted, 90)), millis(percentile(sorted, 99)),
                millis(sorted[sorted.length - 1]));
    }

    private static long percentile(long[] sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }

    private ChangeLatencyMeasurement() {}

}
