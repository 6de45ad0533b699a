package dev.pilot.discovery.spi;

import dev.pilot.discovery.Instance;
import dev.pilot.discovery.Upstream;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One catalog-wide source feeding the watches of many upstreams, so that the connections a
 * backend holds do not grow with its watches: a {@link Feed} (one watch of a whole key prefix, a
 * directory, a catalog's index) that reads and publishes the sets of every watched upstream. As
 * the {@link UpstreamCache.ChangeSource} of an {@link UpstreamCache}, this class keeps which
 * upstreams are watched and where their sets go, starts the feed when the first upstream is
 * watched, tells it of each upstream that joins, and stops it when the last one leaves; the
 * backend writes only how its catalog is read.
 *
 * <p>Each run of the feed sees the watched upstreams through its own {@link Subscribers}: once
 * that run is stopped they are empty and publish nowhere, so a stopped feed can never overtake
 * the one that replaced it.
 *
 * <p>Thread-safe. Sinks are never called under a lock of this class.
 */
public final class SharedSource implements UpstreamCache.ChangeSource, AutoCloseable {

    /** One run of the catalog-wide source, from the first watched upstream to the last. */
    public interface Feed {
        /**
         * {@code upstream} is watched now, the first one included: its current set is due, then
         * every change. Called on the thread that watches, after the upstream is among the
         * {@link Subscribers}; a feed may read it here and publish on this thread.
         */
        void joined(Upstream upstream);

        /** Stops the feed; called once, when the last upstream left or this source closed. */
        void close();
    }

    /** Starts a {@link Feed} for the upstreams {@code subscribers} holds. Must not call a sink itself. */
    @FunctionalInterface
    public interface Starter {
        Feed start(Subscribers subscribers);
    }

    /** The watched upstreams as one run of the feed sees them. */
    public final class Subscribers {

        private boolean stopped;
        private long joins;

        private Subscribers() {}

        /** Every watched upstream; none once this run is stopped. */
        public List<Upstream> upstreams() {
            synchronized (SharedSource.this) {
                List<Upstream> all = new ArrayList<>();
                if (!stopped) {
                    byName.values().forEach(ofName -> all.addAll(ofName.keySet()));
                }
                return all;
            }
        }

        /** The watched upstreams of service {@code name} (one per tag watched). */
        public List<Upstream> upstreams(String name) {
            synchronized (SharedSource.this) {
                Map<Upstream, Consumer<List<Instance>>> ofName = stopped ? null : byName.get(name);
                return ofName == null ? List.of() : List.copyOf(ofName.keySet());
            }
        }

        /** The names of the watched services. */
        public Set<String> names() {
            synchronized (SharedSource.this) {
                return stopped ? Set.of() : Set.copyOf(byName.keySet());
            }
        }

        /** Whether {@code upstream} is watched (and this run still feeds it). */
        public boolean isWatched(Upstream upstream) {
            return sink(upstream) != null;
        }

        /**
         * How many upstreams have joined this run so far: a read that started at a lower count
         * may have missed one.
         */
        public long joins() {
            synchronized (SharedSource.this) {
                return joins;
            }
        }

        /** Hands {@code healthy} to the watch of {@code upstream}; nothing when it is not watched or this run stopped. */
        public void publish(Upstream upstream, List<Instance> healthy) {
            Consumer<List<Instance>> sink = sink(upstream);
            if (sink != null) {
                sink.accept(healthy);
            }
        }

        private Consumer<List<Instance>> sink(Upstream upstream) {
            synchronized (SharedSource.this) {
                Map<Upstream, Consumer<List<Instance>>> ofName = stopped ? null : byName.get(upstream.name());
                return ofName == null ? null : ofName.get(upstream);
            }
        }
    }

    private final Starter starter;
    /** Where each watched upstream's sets go, by service name. Guarded by {@code this}. */
    private final Map<String, Map<Upstream, Consumer<List<Instance>>>> byName = new HashMap<>();
    private Feed feed;
    private Subscribers run;
    private boolean closed;

    public SharedSource(Starter starter) {
        this.starter = starter;
    }

    /**
     * Adds {@code upstream} to the feed, starting it if it is the first.
     *
     * @throws IllegalStateException after {@link #close()}
     */
    @Override
    public UpstreamCache.Source start(Upstream upstream, Consumer<List<Instance>> sink) {
        Feed running;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the shared watch is closed");
            }
            byName.computeIfAbsent(upstream.name(), name -> new LinkedHashMap<>()).put(upstream, sink);
            if (feed == null) {
                run = new Subscribers();
                run.joins++;
                feed = starter.start(run);
            } else {
                run.joins++;
            }
            running = feed;
        }
        running.joined(upstream);
        return () -> remove(upstream, sink);
    }

    /** Stops the feed; later {@link #start} calls fail. */
    @Override
    public void close() {
        Feed stopping;
        synchronized (this) {
            closed = true;
            byName.clear();
            stopping = stop();
        }
        if (stopping != null) {
            stopping.close();
        }
    }

    private void remove(Upstream upstream, Consumer<List<Instance>> sink) {
        Feed stopping = null;
        synchronized (this) {
            Map<Upstream, Consumer<List<Instance>>> ofName = byName.get(upstream.name());
            if (ofName == null || !ofName.remove(upstream, sink)) {
                return; // already replaced by a later watch of the same upstream, or closed
            }
            if (ofName.isEmpty()) {
                byName.remove(upstream.name());
            }
            if (byName.isEmpty()) {
                stopping = stop();
            }
        }
        if (stopping != null) {
            stopping.close();
        }
    }

    /** Ends the current run; the caller closes the returned feed outside the lock. */
    private Feed stop() {
        Feed stopping = feed;
        if (run != null) {
            run.stopped = true;
        }
        feed = null;
        run = null;
        return stopping;
    }
}
