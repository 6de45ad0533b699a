package dev.pilot.discovery.etcd;

import dev.pilot.discovery.DiscoveryException;
import dev.pilot.discovery.Upstream;
import dev.pilot.discovery.UpstreamWatchers;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the healthy set of one upstream current and publishes it: reads every key under
 * {@code {prefix}/{name}/}, then follows an etcd watch of that prefix from the read's revision
 * plus one, applying each event to the read and publishing the result.
 *
 * <p>Whenever the watch ends (etcd cancels it after a compaction or when its member loses the
 * leader, the connection drops, the server restarts) it starts over with a fresh read, so a
 * change missed meanwhile is delivered and a change that did not happen is not: the
 * {@link UpstreamWatchers} only pass on a set that differs from the last one. While etcd cannot
 * be reached it retries with a growing pause and publishes nothing: an outage is not a change.
 *
 * <p>Runs on its own named virtual thread until {@link #close}.
 */
final class ServiceWatch implements UpstreamWatchers.Source {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceWatch.class);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(100);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(2);

    private final EtcdApi api;
    private final EntryDecoder decoder;
    private final Upstream upstream;
    private final String prefix;
    private final UpstreamWatchers watchers;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread thread;
    private volatile WatchStream stream;

    private ServiceWatch(EtcdApi api, KeyLayout layout, EntryDecoder decoder, Upstream upstream, UpstreamWatchers watchers) {
        this.api = api;
        this.decoder = decoder;
        this.upstream = upstream;
        this.prefix = layout.servicePrefix(upstream.name());
        this.watchers = watchers;
        this.thread = Thread.ofVirtual().name("pilot-etcd-watch-" + upstream).unstarted(this::run);
    }

    /** Starts watching {@code upstream}, publishing to {@code watchers}. */
    static ServiceWatch start(EtcdApi api, KeyLayout layout, EntryDecoder decoder, Upstream upstream,
                              UpstreamWatchers watchers) {
        ServiceWatch watch = new ServiceWatch(api, layout, decoder, upstream, watchers);
        watch.thread.start();
        return watch;
    }

    @Override
    public void close() {
        closed.countDown();
        WatchStream open = stream;
        if (open != null) {
            open.close();
        }
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean isClosed() {
        return closed.getCount() == 0;
    }

    private void run() {
        Duration pause = FIRST_PAUSE;
        boolean failing = false;
        while (!isClosed()) {
            try {
                ServiceKeys keys = ServiceKeys.read(api.range(prefix), decoder);
                watchers.publish(upstream, keys.healthy(upstream));
                if (failing) {
                    LOG.info("etcd at {}: the watch of {} is back", api.address(), upstream);
                    failing = false;
                }
                if (follow(keys)) {
                    pause = FIRST_PAUSE;
                    continue; // etcd ended a working watch: start over at once
                }
            } catch (DiscoveryException | IOException e) {
                if (isClosed()) {
                    return;
                }
                String why = e instanceof IOException ? "the connection broke (" + e + ")" : e.getMessage();
                if (!failing) {
                    LOG.warn("etcd at {}: the watch of {} failed, retrying until it works: {}", api.address(), upstream, why);
                    failing = true;
                } else {
                    LOG.debug("etcd at {}: the watch of {} still fails: {}", api.address(), upstream, why);
                }
            } catch (RuntimeException e) {
                if (isClosed()) {
                    return;
                }
                LOG.warn("etcd at {}: the watch of {} failed unexpectedly; retrying", api.address(), upstream, e);
                failing = true;
            }
            if (awaitClose(pause)) {
                return;
            }
            pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
        }
    }

    /**
     * Follows the watch from the revision after {@code keys}, publishing each change, until etcd
     * or the connection ends it.
     *
     * @return whether etcd accepted the watch (false: pause before starting over)
     */
    private boolean follow(ServiceKeys keys) throws IOException {
        boolean accepted = false;
        try (WatchStream open = api.watch(prefix, keys.revision() + 1)) {
            stream = open;
            if (isClosed()) {
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
                    watchers.publish(upstream, keys.healthy(upstream));
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

    /** Waits {@code pause} unless closed first; true when closed. */
    private boolean awaitClose(Duration pause) {
        try {
            return closed.await(pause.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            return isClosed();
        }
    }
}
