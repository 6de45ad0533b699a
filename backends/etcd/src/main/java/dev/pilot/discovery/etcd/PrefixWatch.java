package dev.pilot.discovery.etcd;

import dev.pilot.discovery.Backoff;
import dev.pilot.discovery.DiscoveryException;
import dev.pilot.discovery.RetryingSource;
import dev.pilot.discovery.Upstream;
import dev.pilot.discovery.UpstreamCache;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the healthy sets of every watched upstream of one backend current, on one connection
 * whatever their number: a {@link RetryingSource} whose pass reads every key under
 * {@code {prefix}/}, pushes the set of each watched upstream, then follows one etcd watch of that
 * whole prefix from the read's revision plus one, handing each event to the watched services its
 * key lies under and pushing their new sets. Events of services nobody watches are dropped unread.
 *
 * <p>An upstream that joins while the watch runs ends the pass (its stream is closed), so the next
 * one reads it along with the others: a joining upstream gets its first set from a read at a
 * revision the watch then continues from, and nothing is missed in between. Whenever the watch ends
 * otherwise (etcd cancels it after a compaction or when its member loses the leader, the connection
 * drops, the server restarts) the next pass also starts over with a fresh read; the
 * {@link UpstreamCache} only passes on a set that differs from the last one. A watch that etcd
 * refuses before accepting it is a failure, retried after a backoff. The loop runs while at least
 * one upstream is watched. A failed pass tells every watched upstream's sink that its set is stale.
 *
 * <p>Thread-safe.
 */
final class PrefixWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PrefixWatch.class);

    private final EtcdApi api;
    private final EntryDecoder decoder;
    private final String prefix;
    /** Watched upstreams by service name, then by upstream. Guarded by {@code this}. */
    private final Map<String, Map<Upstream, Subscriber>> watched = new HashMap<>();
    /** Bumped whenever an upstream joins: a pass that read before the bump starts over. */
    private final AtomicLong joins = new AtomicLong();
    /** The running loop, while any upstream is watched. Guarded by {@code this}. */
    private Loop loop;
    private boolean closed;

    PrefixWatch(EtcdApi api, KeyLayout layout, EntryDecoder decoder) {
        this.api = api;
        this.decoder = decoder;
        this.prefix = layout.prefix() + "/";
    }

    /** One watched upstream and where its sets go. */
    private record Subscriber(Upstream upstream, UpstreamCache.Sink sink) {}

    /** Starts watching {@code upstream}, pushing its sets to {@code sink}, until the returned source is closed. */
    UpstreamCache.Source add(Upstream upstream, UpstreamCache.Sink sink) {
        Subscriber subscriber = new Subscriber(upstream, sink);
        Loop running;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the etcd backend at " + api.address() + " is closed");
            }
            watched.computeIfAbsent(upstream.name(), name -> new HashMap<>()).put(upstream, subscriber);
            joins.incrementAndGet();
            if (loop == null) {
                loop = new Loop();
                return () -> remove(subscriber);
            }
            running = loop;
        }
        running.restart();
        return () -> remove(subscriber);
    }

    /** Stops the loop; later {@link #add} calls fail. */
    @Override
    public void close() {
        Loop running;
        synchronized (this) {
            closed = true;
            watched.clear();
            running = loop;
            loop = null;
        }
        if (running != null) {
            running.close();
        }
    }

    private void remove(Subscriber subscriber) {
        Loop stop = null;
        synchronized (this) {
            Map<Upstream, Subscriber> ofService = watched.get(subscriber.upstream().name());
            if (ofService == null || !ofService.remove(subscriber.upstream(), subscriber)) {
                return;
            }
            if (ofService.isEmpty()) {
                watched.remove(subscriber.upstream().name());
            }
            if (watched.isEmpty()) {
                stop = loop;
                loop = null;
            }
        }
        if (stop != null) {
            stop.close();
        }
    }

    /** The watched services whose keys {@code key} lies under (a service name may hold a {@code /}). */
    private static List<String> servicesOf(String key, String prefix, Map<String, ?> services) {
        List<String> names = new ArrayList<>(1);
        if (!key.startsWith(prefix)) {
            return names;
        }
        String rest = key.substring(prefix.length());
        for (int slash = rest.indexOf('/'); slash > 0; slash = rest.indexOf('/', slash + 1)) {
            String name = rest.substring(0, slash);
            if (services.containsKey(name)) {
                names.add(name);
            }
        }
        return names;
    }

    /** The subscribers of {@code service}, or none when {@code from} is no longer the running loop. */
    private synchronized List<Subscriber> subscribers(String service, Loop from) {
        Map<Upstream, Subscriber> ofService = loop == from ? watched.get(service) : null;
        return ofService == null ? List.of() : List.copyOf(ofService.values());
    }

    /** Every subscriber, or none when {@code from} is no longer the running loop. */
    private synchronized List<Subscriber> allSubscribers(Loop from) {
        List<Subscriber> all = new ArrayList<>();
        if (loop == from) {
            watched.values().forEach(ofService -> all.addAll(ofService.values()));
        }
        return all;
    }

    private synchronized List<String> watchedServices() {
        return List.copyOf(watched.keySet());
    }

    private void publish(String service, ServiceKeys keys, Loop from) {
        for (Subscriber subscriber : subscribers(service, from)) {
            subscriber.sink().accept(keys.healthy(subscriber.upstream()));
        }
    }

    /** One run of the watch loop, with the stream it follows. */
    private final class Loop {

        private final RetryingSource source;
        private volatile WatchStream stream;
        private volatile boolean stopped;

        Loop() {
            this.source = RetryingSource.start("pilot-etcd-watch", PrefixWatch.class.getName(),
                    "etcd at " + api.address() + ": the watch of " + prefix,
                    new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2)), this::pass, this::closeStream, this::failed);
        }

        private void failed(Exception failure) {
            DiscoveryException cause = DiscoveryException.of("etcd", api.address(), "the watch of " + prefix, failure);
            for (Subscriber subscriber : allSubscribers(this)) {
                subscriber.sink().failed(cause);
            }
        }

        /** Ends the current pass so the next one reads the upstreams that joined. */
        void restart() {
            closeStream();
        }

        void close() {
            stopped = true;
            source.close();
        }

        private void closeStream() {
            WatchStream open = stream;
            if (open != null) {
                open.close();
            }
        }

        private void pass(Runnable answered) throws IOException {
            long joined = joins.get();
            EtcdApi.Range range = api.range(prefix);
            Map<String, ServiceKeys> services = read(range);
            services.forEach((service, keys) -> publish(service, keys, this));
            answered.run();
            if (!follow(range.revision() + 1, services, joined)) {
                throw new DiscoveryException("etcd", api.address(), "the watch of " + prefix + " was refused before it started");
            }
        }

        /** The keys of every watched service in {@code range}. */
        private Map<String, ServiceKeys> read(EtcdApi.Range range) {
            Map<String, List<EtcdApi.KeyValue>> kvs = new HashMap<>();
            for (String service : watchedServices()) {
                kvs.put(service, new ArrayList<>());
            }
            for (EtcdApi.KeyValue kv : range.kvs()) {
                for (String service : servicesOf(kv.key(), prefix, kvs)) {
                    kvs.get(service).add(kv);
                }
            }
            Map<String, ServiceKeys> services = new HashMap<>();
            kvs.forEach((service, ofService) ->
                    services.put(service, ServiceKeys.read(new EtcdApi.Range(range.revision(), ofService), decoder, service)));
            return services;
        }

        /**
         * Follows the watch from {@code fromRevision}, pushing each change, until etcd or the
         * connection ends it, or an upstream joins.
         *
         * @return whether etcd accepted the watch (false: back off before starting over)
         */
        private boolean follow(long fromRevision, Map<String, ServiceKeys> services, long joined) throws IOException {
            boolean accepted = false;
            try (WatchStream open = api.watch(prefix, fromRevision)) {
                stream = open;
                if (stopped || joins.get() != joined) {
                    return true;
                }
                WatchStream.Answer answer;
                while ((answer = open.next()) != null) {
                    if (answer.cancelled()) {
                        cancelled(answer);
                        return accepted;
                    }
                    accepted = true;
                    apply(answer.events(), services);
                }
                LOG.debug("etcd at {}: the server ended the watch of {}; reading again", api.address(), prefix);
                return accepted;
            } catch (IOException e) {
                if (stopped || joins.get() != joined) {
                    return true; // closed on purpose: to stop, or to read an upstream that joined
                }
                throw e;
            } finally {
                stream = null;
            }
        }

        /** Hands each event to the services it belongs to and pushes the sets of those that had any. */
        private void apply(List<WatchStream.Event> events, Map<String, ServiceKeys> services) {
            if (events.isEmpty()) {
                return;
            }
            Map<String, List<WatchStream.Event>> byService = new HashMap<>();
            for (WatchStream.Event event : events) {
                for (String service : servicesOf(event.kv().key(), prefix, services)) {
                    byService.computeIfAbsent(service, name -> new ArrayList<>()).add(event);
                }
            }
            byService.forEach((service, ofService) -> {
                ServiceKeys keys = services.get(service);
                keys.apply(ofService);
                publish(service, keys, this);
            });
        }

        private void cancelled(WatchStream.Answer answer) {
            if (answer.compactRevision() > 0) {
                LOG.info("etcd at {}: the history of {} was compacted up to revision {}; reading again",
                        api.address(), prefix, answer.compactRevision());
            } else if (answer.reason().contains("invalid auth token")) {
                api.tokenRefused();
            } else {
                LOG.info("etcd at {}: the watch of {} was cancelled ({}); reading again", api.address(), prefix, answer.reason());
            }
        }
    }
}
