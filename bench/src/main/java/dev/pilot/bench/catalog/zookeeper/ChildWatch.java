package dev.pilot.bench.catalog.zookeeper;

import dev.pilot.bench.catalog.RawWatch;
import dev.pilot.bench.catalog.ViewListener;
import java.util.List;
import java.util.Set;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.CuratorWatcher;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;

/**
 * ZooKeeper's own change notification: a Curator child watch on the service's node; the arrival
 * is when the event is delivered, and the watch is set again by reading the children, which give
 * the view.
 */
final class ChildWatch implements RawWatch, CuratorWatcher {

    private final CuratorFramework client;
    private final String path;
    private final ViewListener listener;
    private volatile boolean closed;

    ChildWatch(CuratorFramework client, String path, ViewListener listener) {
        this.client = client;
        this.path = path;
        this.listener = listener;
        try {
            client.createContainers(path);
        } catch (Exception e) {
            throw new IllegalStateException("ZooKeeper: creating " + path + " failed: " + e, e);
        }
        listener.onView(System.nanoTime(), watchChildren());
    }

    @Override
    public void process(WatchedEvent event) {
        long arrival = System.nanoTime();
        if (closed || event.getType() == Watcher.Event.EventType.None) {
            return;
        }
        listener.onView(arrival, watchChildren());
    }

    private Set<String> watchChildren() {
        try {
            List<String> children = client.getChildren().usingWatcher(this).forPath(path);
            return Set.copyOf(children);
        } catch (Exception e) {
            return Set.of();
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
