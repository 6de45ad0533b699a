package dev.pilot.discovery.zookeeper;

import dev.pilot.discovery.Backoff;
import dev.pilot.discovery.Instance;
import dev.pilot.discovery.RetryingSource;
import dev.pilot.discovery.Upstream;
import dev.pilot.discovery.UpstreamCache;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
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
 * whose pass waits for an event under it and then re-reads the healthy set.
 *
 * <p>Why re-read instead of patching a cache from the events: a persistent watch says <em>that</em>
 * a node changed, and a re-read started after the event sees at least that change, so the set
 * delivered is always one the ensemble held. Events that arrive during a read are served by one
 * more read. A read that fails (the ensemble is unreachable) delivers nothing and is retried after
 * a backoff; the re-armed watch re-reads once the connection is back, so a change missed meanwhile
 * is delivered then. The {@link UpstreamCache} drops sets equal to the last one delivered.
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
    /** One permit per event not yet read; a read takes them all. */
    private final Semaphore pending = new Semaphore(0);
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
            sink.accept(reader.read(upstream));
        } catch (RuntimeException e) {
            pending.release(); // read again after the backoff
            throw e;
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
            pending.release();
        }
    }
}
