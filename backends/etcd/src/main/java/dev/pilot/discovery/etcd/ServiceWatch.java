package dev.pilot.discovery.etcd;

import dev.pilot.discovery.Backoff;
import dev.pilot.discovery.DiscoveryException;
import dev.pilot.discovery.Instance;
import dev.pilot.discovery.RetryingSource;
import dev.pilot.discovery.Upstream;
import dev.pilot.discovery.UpstreamCache;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the healthy set of one upstream current and pushes it: a {@link RetryingSource} whose pass
 * reads every key under {@code {prefix}/{name}/}, then follows an etcd watch of that prefix from
 * the read's revision plus one, applying each event to the read and pushing the result.
 *
 * <p>Whenever the watch ends (etcd cancels it after a compaction or when its member loses the
 * leader, the connection drops, the server restarts) the pass ends and the next one starts over
 * with a fresh read, so a change missed meanwhile is delivered and a change that did not happen is
 * not: the {@link UpstreamCache} only passes on a set that differs from the last one. A watch that
 * etcd refuses before accepting it is a failure, retried after a backoff.
 */
final class ServiceWatch {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceWatch.class);

    private final EtcdApi api;
    private final EntryDecoder decoder;
    private final Upstream upstream;
    private final String prefix;
    private final Consumer<List<Instance>> sink;
    private volatile WatchStream stream;
    private volatile RetryingSource loop;

    private ServiceWatch(EtcdApi api, KeyLayout layout, EntryDecoder decoder, Upstream upstream,
                         Consumer<List<Instance>> sink) {
        this.api = api;
        this.decoder = decoder;
        this.upstream = upstream;
        this.prefix = layout.servicePrefix(upstream.name());
        this.sink = sink;
    }

    /** Starts watching {@code upstream}, pushing its sets to {@code sink}. */
    static UpstreamCache.Source start(EtcdApi api, KeyLayout layout, EntryDecoder decoder, Upstream upstream,
                                      Consumer<List<Instance>> sink) {
        ServiceWatch watch = new ServiceWatch(api, layout, decoder, upstream, sink);
        watch.loop = RetryingSource.start("pilot-etcd-watch-" + upstream, ServiceWatch.class.getName(),
                "etcd at " + api.address() + ": the watch of " + upstream,
                new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2)), watch::pass, watch::closeStream);
        return watch.loop;
    }

    private void closeStream() {
        WatchStream open = stream;
        if (open != null) {
            open.close();
        }
    }

    private void pass(Runnable answered) throws IOException {
        ServiceKeys keys = ServiceKeys.read(api.range(prefix), decoder, upstream.name());
        sink.accept(keys.healthy(upstream));
        answered.run();
        if (!follow(keys)) {
            throw new DiscoveryException("etcd", api.address(), "the watch of " + prefix + " was refused before it started");
        }
    }

    /**
     * Follows the watch from the revision after {@code keys}, pushing each change, until etcd or
     * the connection ends it.
     *
     * @return whether etcd accepted the watch (false: back off before starting over)
     */
    private boolean follow(ServiceKeys keys) throws IOException {
        boolean accepted = false;
        try (WatchStream open = api.watch(prefix, keys.revision() + 1)) {
            stream = open;
            if (loop != null && loop.isClosed()) {
                return true;
            }
            WatchStream.Answer answer;
            while ((answer = open.next()) != null) {
                if (answer.cancelled()) {
                    cancelled(answer);
                    return accepted;
                }
                accepted = true;
                if (!answer.events().isEmpty()) {
                    keys.apply(answer.events());
                    sink.accept(keys.healthy(upstream));
                }
            }
            LOG.debug("etcd at {}: the server ended the watch of {}; reading again", api.address(), upstream);
            return accepted;
        } finally {
            stream = null;
        }
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
