package dev.pilot.discovery.etcd;

import dev.pilot.discovery.DiscoveryException;
import dev.pilot.discovery.Upstream;
import dev.pilot.discovery.spi.Backoff;
import dev.pilot.discovery.spi.RetryingSource;
import dev.pilot.discovery.spi.SharedSource;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feed of a {@link SharedSource}, which keeps the healthy sets of every watched upstream of
 * one backend current, on one connection whatever their number: a {@link RetryingSource} whose pass reads every key under
 * {@code {prefix}/}, pushes the set of each watched upstream, then follows one etcd watch of that
 * whole prefix from the read's revision plus one, handing each event to the watched services its
 * key lies under and pushing their new sets. Events of services nobody watches are dropped unread.
 *
 * <p>An upstream that joins while the watch runs ends the pass (its stream is closed), so the next
 * one reads it along with the others: a joining upstream gets its first set from a read at a
 * revision the watch then continues from, and nothing is missed in between. Whenever the watch ends
 * otherwise (etcd cancels it after a compaction or when its member loses the leader, the connection
 * drops, the server restarts) the next pass also starts over with a fresh read; the
 * {@link dev.pilot.discovery.spi.UpstreamCache} only passes on a set that differs from the last
 * one. A watch that etcd refuses before accepting it is a failure, retried after a backoff. The
 * loop runs while at least one upstream is watched.
 *
 * <p>Thread-safe.
 */
final class EtcdSharedWatch implements SharedSource.Feed {

    private static final Logger LOG = LoggerFactory.getLogger(EtcdSharedWatch.class);

    private final EtcdApi api;
    private final EntryDecoder decoder;
    private final String prefix;
    private final SharedSource.Subscribers watched;
    private final RetryingSource source;
    private volatile WatchStream stream;
    /** How many upstreams had joined when the pass that opened {@link #stream} read. */
    private volatile long streamJoins;
    private volatile boolean stopped;

    EtcdSharedWatch(EtcdApi api, KeyLayout layout, EntryDecoder decoder, SharedSource.Subscribers watched) {
        this.api = api;
        this.decoder = decoder;
        this.prefix = layout.prefix() + "/";
        this.watched = watched;
        this.source = RetryingSource.start("pilot-etcd-watch", EtcdSharedWatch.class.getName(),
                "etcd at " + api.address() + ": the watch of " + prefix,
                new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2)), this::pass, this::closeStream);
    }

    /** Ends the current pass when it read before {@code upstream} joined, so the next one reads it. */
    @Override
    public void joined(Upstream upstream) {
        WatchStream open = stream;
        if (open != null && streamJoins != watched.joins()) {
            open.close();
        }
    }

    @Override
    public void close() {
        stopped = true;
        source.close();
    }

    private void closeStream() {
        WatchStream open = stream;
        if (open != null) {
            open.close();
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

    private void publish(String service, ServiceKeys keys) {
        for (Upstream upstream : watched.upstreams(service)) {
            watched.publish(upstream, keys.healthy(upstream));
        }
    }

    private void pass(Runnable answered) throws IOException {
        long joined = watched.joins();
        EtcdApi.Range range = api.range(prefix);
        Map<String, ServiceKeys> services = read(range, watched.names());
        services.forEach(this::publish);
        answered.run();
        if (!follow(range.revision() + 1, services, joined)) {
            throw new DiscoveryException(EtcdBackendProvider.NAME, api.address(),
                    "the watch of " + prefix + " was refused before it started");
        }
    }

    /** The keys of every watched service in {@code range}. */
    private Map<String, ServiceKeys> read(EtcdApi.Range range, Collection<String> names) {
        Map<String, List<EtcdApi.KeyValue>> kvs = new HashMap<>();
        for (String service : names) {
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
            streamJoins = joined;
            stream = open;
            if (stopped || watched.joins() != joined) {
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
            if (stopped || watched.joins() != joined) {
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
            publish(service, keys);
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
