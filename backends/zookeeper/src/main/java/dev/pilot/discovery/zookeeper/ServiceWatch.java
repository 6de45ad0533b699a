package dev.pilot.discovery.zookeeper;

import dev.pilot.discovery.spi.Backoff;
import dev.pilot.discovery.Instance;
import dev.pilot.discovery.spi.RetryingSource;
import dev.pilot.discovery.Upstream;
import dev.pilot.discovery.spi.UpstreamCache;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.CuratorEvent;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.apache.zookeeper.AddWatchMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The push source of one watched upstream: a persistent recursive ZooKeeper watch on
 * {@code {prefix}/{name}} (which exists or not; the watch covers both), and a {@link RetryingSource}
 * whose pass waits for events under it and applies them to the instances it knows.
 *
 * <p>An event names the node that changed, so a pass reads only that node (one round trip), and a
 * read started after the event sees at least that change: the set delivered is one the ensemble
 * held. Everything else reads the whole service again (children, then their data in one request):
 * the first pass, an event on the service node itself, a failed read, and a reconnect (the
 * re-armed watch may have missed events meanwhile). A read that fails delivers nothing and is
 * retried after a backoff. The {@link UpstreamCache} drops sets equal to the last one delivered.
 *
 * <p>Reads and deliveries run on the loop's thread, never on ZooKeeper's event thread.
 */
final class ServiceWatch {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceWatch.class);
    private static final Duration REARM_DELAY = Duration.ofSeconds(1);

    private final CuratorFramework client;
    private final Upstream upstream;
    private final String path;
    private final ServiceReader reader;
    private final Consumer<List<Instance>> sink;
    private final ScheduledExecutorService timer;
    /** One permit per event not yet read; a pass takes them all. */
    private final Semaphore pending = new Semaphore(0);
    /** The events not yet applied, oldest first. */
    private final Queue<WatchedEvent> events = new ConcurrentLinkedQueue<>();
    /** Whether the next pass reads the whole service instead of applying events. */
    private final AtomicBoolean readAll = new AtomicBoolean(true);
    /** The instances of the service by node name; owned by the loop's thread. */
    private Map<String, Instance> known = new HashMap<>();
    private final Watcher watcher = this::onEvent;
    private final ConnectionStateListener reconnects = this::onConnectionState;
    private volatile boolean closed;

    private ServiceWatch(CuratorFramework client, Upstream upstream, String path, ServiceReader reader,
                         Consumer<List<Instance>> sink, ScheduledExecutorService timer) {
        this.client = client;
        this.upstream = upstream;
        this.path = path;
        this.reader = reader;
        this.sink = sink;
        this.timer = timer;
    }

    /** Starts watching {@code upstream}; its sets go to {@code sink}. */
    static UpstreamCache.Source start(CuratorFramework client, Upstream upstream, ServicePaths paths, ServiceReader reader,
                                      Consumer<List<Instance>> sink, ScheduledExecutorService timer, String address) {
        ServiceWatch watch = new ServiceWatch(client, upstream, paths.service(upstream.name()), reader, sink, timer);
        RetryingSource loop = RetryingSource.start("pilot-zookeeper-watch-" + upstream, ServiceWatch.class.getName(),
                "zookeeper at " + address + ": the watch of " + upstream,
                new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2)), watch::pass, watch::stop);
        client.getConnectionStateListenable().addListener(watch.reconnects);
        watch.arm();
        return loop;
    }

    private void pass(Runnable answered) throws InterruptedException {
        pending.acquire();
        pending.drainPermits();
        try {
            if (readAll.getAndSet(false)) {
                events.clear();
                known = new HashMap<>(reader.readService(upstream.name()));
            } else {
                for (WatchedEvent event; (event = events.poll()) != null; ) {
                    apply(event);
                }
            }
        } catch (RuntimeException e) {
            readAll.set(true);
            pending.release(); // read again after the backoff
            throw e;
        }
        sink.accept(known.values().stream().filter(upstream::matches).toList());
    }

    /** Applies one event: a change to an instance node reads that node alone. */
    private void apply(WatchedEvent event) {
        String changed = event.getPath();
        if (changed == null || !changed.startsWith(path + "/") || changed.indexOf('/', path.length() + 1) >= 0) {
            // the service node itself (made or deleted), or something deeper: read everything
            events.clear(); // the read below sees all they said, and more
            known = new HashMap<>(reader.readService(upstream.name()));
            return;
        }
        String child = changed.substring(path.length() + 1);
        if (event.getType() == Watcher.Event.EventType.NodeDeleted) {
            known.remove(child);
        } else {
            reader.readNode(upstream.name(), child)
                    .ifPresentOrElse(instance -> known.put(child, instance), () -> known.remove(child));
        }
    }

    private void stop() {
        closed = true;
        client.getConnectionStateListenable().removeListener(reconnects);
        try {
            client.watchers().remove(watcher).ofType(Watcher.WatcherType.Any).quietly().inBackground().forPath(path);
        } catch (Exception e) {
            LOG.debug("removing the watch on {} failed", path, e);
        }
    }

    /** Sets the watch (again: after a reconnect the session may be new) and then reads the set. */
    private void arm() {
        if (closed) {
            return;
        }
        try {
            client.watchers().add().withMode(AddWatchMode.PERSISTENT_RECURSIVE)
                    .inBackground((ignored, event) -> onArmed(event))
                    .usingWatcher(watcher)
                    .forPath(path);
        } catch (Exception e) {
            LOG.warn("zookeeper: cannot watch {}: {}", path, e.toString());
        }
    }

    private void onArmed(CuratorEvent event) {
        if (event.getResultCode() == KeeperException.Code.OK.intValue()) {
            readAll.set(true); // events may have been missed before the watch was (re)set
            pending.release();
        } else if (!closed && client.getZookeeperClient().isConnected()) {
            // Connected but refused: try again shortly. When disconnected, the reconnect re-arms.
            LOG.debug("setting the watch on {} failed ({}); retrying", path, KeeperException.Code.get(event.getResultCode()));
            try {
                timer.schedule(this::arm, REARM_DELAY.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closing) {
                // the backend is closing
            }
        }
    }

    private void onConnectionState(CuratorFramework ignored, ConnectionState state) {
        if (state.isConnected()) {
            arm();
        }
    }

    private void onEvent(WatchedEvent event) {
        if (event.getType() != Watcher.Event.EventType.None) {
            events.add(event);
            pending.release();
        }
    }
}
