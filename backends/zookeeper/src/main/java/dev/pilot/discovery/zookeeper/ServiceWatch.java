package dev.pilot.discovery.zookeeper;

import dev.pilot.discovery.DiscoveryException;
import dev.pilot.discovery.Upstream;
import dev.pilot.discovery.UpstreamWatchers;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 * {@code {prefix}/{name}} (which exists or not; the watch covers both), and a re-read of the
 * healthy set after every event under it.
 *
 * <p>Why re-read instead of patching a cache from the events: a persistent watch says <em>that</em>
 * a node changed, and a re-read started after the event sees at least that change, so the set
 * delivered is always one the ensemble held. Bursts of events coalesce into as few reads as the
 * reads take. A read that fails (the ensemble is unreachable) delivers nothing: the listener keeps
 * its last set, and the re-armed watch re-reads once the connection is back, so a change missed
 * meanwhile is delivered then. {@link UpstreamWatchers} drops sets equal to the last one delivered.
 *
 * <p>Reads and deliveries run on the backend's worker threads, never on ZooKeeper's event thread.
 */
final class ServiceWatch implements UpstreamWatchers.Source {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceWatch.class);
    private static final Duration REARM_DELAY = Duration.ofSeconds(1);

    private final CuratorFramework client;
    private final Upstream upstream;
    private final String path;
    private final ServiceReader reader;
    private final UpstreamWatchers watchers;
    private final ScheduledExecutorService timer;
    private final Executor workers;
    private final AtomicInteger pendingReads = new AtomicInteger();
    private final Watcher watcher = this::onEvent;
    private final ConnectionStateListener reconnects = this::onConnectionState;
    private volatile boolean closed;

    private ServiceWatch(CuratorFramework client, Upstream upstream, String path, ServiceReader reader,
                         UpstreamWatchers watchers, ScheduledExecutorService timer, Executor workers) {
        this.client = client;
        this.upstream = upstream;
        this.path = path;
        this.reader = reader;
        this.watchers = watchers;
        this.timer = timer;
        this.workers = workers;
    }

    /** Starts watching {@code upstream}; its sets go to {@code watchers}. */
    static ServiceWatch start(CuratorFramework client, Upstream upstream, ServicePaths paths, ServiceReader reader,
                              UpstreamWatchers watchers, ScheduledExecutorService timer, Executor workers) {
        ServiceWatch watch = new ServiceWatch(client, upstream, paths.service(upstream.name()), reader, watchers,
                timer, workers);
        client.getConnectionStateListenable().addListener(watch.reconnects);
        watch.arm();
        return watch;
    }

    @Override
    public void close() {
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
            requestRead();
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
            requestRead();
        }
    }

    /** Reads the set soon; requests that arrive while a read runs are served by one more read. */
    private void requestRead() {
        if (!closed && pendingReads.getAndIncrement() == 0) {
            try {
                workers.execute(this::readUntilSettled);
            } catch (RejectedExecutionException closing) {
                // the backend is closing
            }
        }
    }

    private void readUntilSettled() {
        int served;
        do {
            served = pendingReads.get();
            readAndPublish();
        } while (pendingReads.addAndGet(-served) != 0);
    }

    private void readAndPublish() {
        if (closed) {
            return;
        }
        try {
            var healthy = reader.read(upstream);
            if (!closed) {
                watchers.publish(upstream, healthy);
            }
        } catch (DiscoveryException e) {
            LOG.debug("watch of {} keeps its last set: {}", upstream, e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("watch of {} failed to read; keeping its last set", upstream, e);
        }
    }
}
