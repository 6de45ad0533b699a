package dev.pilot.discovery.zookeeper;

import dev.pilot.discovery.DiscoveryException;
import dev.pilot.discovery.Instance;
import dev.pilot.discovery.Upstream;
import dev.pilot.discovery.spi.Backoff;
import dev.pilot.discovery.spi.RetryingSource;
import dev.pilot.discovery.spi.SharedSource;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * The feed of a {@link SharedSource}, which keeps the healthy sets of every watched upstream of
 * one backend current with one ZooKeeper watch and one thread, whatever their number: a persistent
 * recursive watch on {@code {prefix}} (which exists or not; the watch covers both), and a
 * {@link RetryingSource} whose pass waits for events under it and applies each to the watched
 * service it names. Events of services nobody watches are dropped unread.
 *
 * <p>An event names the node that changed, so applying it reads only that node (one round trip),
 * and a read started after the event sees at least that change: the set published is one the
 * ensemble held. A service is read whole (children, then their data in one request) when its
 * first upstream joins, on an event on its service node or deeper, after a read of it failed, and
 * for every watched service after a reconnect (the re-armed watch may have missed events
 * meanwhile). The {@link dev.pilot.discovery.spi.UpstreamCache} passes on only sets that differ
 * from the last.
 *
 * <p>A lost connection (suspended or lost) tells every watched upstream that its set is stale; a
 * failed read tells those of the service it read, which is read again after a backoff. The read
 * after the reconnect, or the one that works, ends that.
 *
 * <p>Reads and deliveries run on the loop's thread, never on ZooKeeper's event thread. One watch
 * per upstream held a thread and a server-side watch each: at 1 000 upstreams, 1 000 parked virtual
 * threads with their stacks in the heap.
 */
final class ZooKeeperSharedWatch implements SharedSource.Feed {

    private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperSharedWatch.class);
    private static final Duration REARM_DELAY = Duration.ofSeconds(1);

    private final CuratorFramework client;
    private final String root;
    private final ServiceReader reader;
    private final SharedSource.Subscribers watched;
    private final String address;
    private final ScheduledExecutorService timer;
    /** One permit per event or join not yet taken in; a pass takes them all. */
    private final Semaphore pending = new Semaphore(0);
    /** The events not yet applied, oldest first. */
    private final Queue<WatchedEvent> events = new ConcurrentLinkedQueue<>();
    /** The services whose first upstream joined since the last pass. */
    private final Queue<String> joined = new ConcurrentLinkedQueue<>();
    /** Whether the next pass reads every watched service again (after the watch was set). */
    private final AtomicBoolean readAll = new AtomicBoolean();
    /** Whether the watch is set on this connection: nothing is read before, so no event can be missed. */
    private volatile boolean armed;
    /** The instances of each service read so far, by node name; owned by the loop's thread. */
    private final Map<String, Map<String, Instance>> known = new HashMap<>();
    /** The services the next pass reads whole; owned by the loop's thread. */
    private final Set<String> toRead = new LinkedHashSet<>();
    private final Watcher watcher = this::onEvent;
    private final ConnectionStateListener reconnects = this::onConnectionState;
    private final RetryingSource loop;
    private volatile boolean closed;

    ZooKeeperSharedWatch(CuratorFramework client, ServicePaths paths, ServiceReader reader,
                         SharedSource.Subscribers watched, ScheduledExecutorService timer, String address) {
        this.client = client;
        this.root = paths.prefix();
        this.reader = reader;
        this.watched = watched;
        this.timer = timer;
        this.address = address;
        this.loop = RetryingSource.start("pilot-zookeeper-watch", ZooKeeperSharedWatch.class.getName(),
                "zookeeper at " + address + ": the watch of " + root,
                new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2)), this::pass, this::stop);
        client.getConnectionStateListenable().addListener(reconnects);
        arm();
    }

    /** Reads {@code upstream}'s service in the next pass, or publishes what is known of it. */
    @Override
    public void joined(Upstream upstream) {
        joined.add(upstream.name());
        pending.release();
    }

    @Override
    public void close() {
        loop.close(); // runs stop() and ends the loop
    }

    private void pass(Runnable answered) throws InterruptedException {
        pending.acquire();
        pending.drainPermits();
        Set<String> changed = new LinkedHashSet<>();
        if (readAll.getAndSet(false)) {
            events.clear(); // the reads below see all they said, and more
            known.clear();
            toRead.addAll(watched.names());
        }
        for (String name; (name = joined.poll()) != null; ) {
            if (known.containsKey(name)) {
                changed.add(name); // another tag of a service already read
            } else {
                toRead.add(name);
            }
        }
        DiscoveryException failure = null;
        if (armed) {
            for (WatchedEvent event; (event = events.poll()) != null; ) {
                apply(event, changed);
            }
            failure = readWhole(changed);
        }
        changed.forEach(this::publish);
        if (failure != null) {
            pending.release(); // read those again after the backoff
            throw failure;
        }
        answered.run();
    }

    /** Reads each service of {@link #toRead}; those that fail stay there, stale. The first failure, if any. */
    private DiscoveryException readWhole(Set<String> changed) {
        DiscoveryException first = null;
        for (var names = toRead.iterator(); names.hasNext(); ) {
            String name = names.next();
            if (watched.upstreams(name).isEmpty()) {
                known.remove(name);
                names.remove();
                continue;
            }
            try {
                known.put(name, new HashMap<>(reader.readService(name)));
                names.remove();
                changed.add(name);
            } catch (DiscoveryException e) {
                known.remove(name);
                for (Upstream upstream : watched.upstreams(name)) {
                    watched.failed(upstream, e);
                }
                if (first == null) {
                    first = e;
                }
            }
        }
        return first;
    }

    /** Applies one event: a change to an instance node of a watched service reads that node alone. */
    private void apply(WatchedEvent event, Set<String> changed) {
        String path = event.getPath();
        if (path == null || !path.startsWith(root + "/")) {
            if (root.equals(path)) {
                toRead.addAll(watched.names()); // the prefix node itself, made or deleted
            }
            return;
        }
        String rest = path.substring(root.length() + 1);
        int slash = rest.indexOf('/');
        String name = slash < 0 ? rest : rest.substring(0, slash);
        if (watched.upstreams(name).isEmpty()) {
            known.remove(name); // nobody watches it (any more)
            return;
        }
        Map<String, Instance> instances = known.get(name);
        String child = slash < 0 ? null : rest.substring(slash + 1);
        if (instances == null || child == null || child.indexOf('/') >= 0) {
            // not read yet, the service node itself (made or deleted), or something deeper
            toRead.add(name);
            return;
        }
        if (event.getType() == Watcher.Event.EventType.NodeDeleted) {
            instances.remove(child);
            changed.add(name);
            return;
        }
        try {
            reader.readNode(name, child).ifPresentOrElse(instance -> instances.put(child, instance),
                    () -> instances.remove(child));
            changed.add(name);
        } catch (DiscoveryException e) {
            toRead.add(name); // read whole below; stale if that fails too
        }
    }

    private void publish(String name) {
        Map<String, Instance> instances = known.get(name);
        if (instances == null) {
            return;
        }
        for (Upstream upstream : watched.upstreams(name)) {
            watched.publish(upstream, instances.values().stream().filter(upstream::matches).toList());
        }
    }

    private void stop() {
        closed = true;
        client.getConnectionStateListenable().removeListener(reconnects);
        try {
            client.watchers().remove(watcher).ofType(Watcher.WatcherType.Any).quietly().inBackground().forPath(root);
        } catch (Exception e) {
            LOG.debug("removing the watch on {} failed", root, e);
        }
    }

    /** Sets the watch (again: after a reconnect the session may be new) and then reads every watched service. */
    private void arm() {
        if (closed) {
            return;
        }
        try {
            client.watchers().add().withMode(AddWatchMode.PERSISTENT_RECURSIVE)
                    .inBackground((ignored, event) -> onArmed(event))
                    .usingWatcher(watcher)
                    .forPath(root);
        } catch (Exception e) {
            LOG.warn("zookeeper: cannot watch {}: {}", root, e.toString());
        }
    }

    private void onArmed(CuratorEvent event) {
        if (event.getResultCode() == KeeperException.Code.OK.intValue()) {
            armed = true;
            readAll.set(true); // events may have been missed before the watch was (re)set
            pending.release();
            return;
        }
        if (!closed) {
            // Also the first word watches whose ensemble was never reached get: their sets are stale (none yet).
            watched.failed(new DiscoveryException(ZooKeeperBackendProvider.NAME, address, "cannot set the watch of "
                    + root + " (" + KeeperException.Code.get(event.getResultCode()) + ")"));
        }
        if (!closed && client.getZookeeperClient().isConnected()) {
            // Connected but refused: try again shortly. When disconnected, the reconnect re-arms.
            LOG.debug("setting the watch on {} failed ({}); retrying", root, KeeperException.Code.get(event.getResultCode()));
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
        } else if (!closed) {
            armed = false;
            watched.failed(new DiscoveryException(ZooKeeperBackendProvider.NAME, address,
                    "the connection is " + state.name().toLowerCase(Locale.ROOT) + "; the watches of " + root + " wait for it"));
        }
    }

    private void onEvent(WatchedEvent event) {
        if (event.getType() != Watcher.Event.EventType.None) {
            events.add(event);
            pending.release();
        }
    }
}
