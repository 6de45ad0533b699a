package dev.pilot.discovery.consul;

import dev.pilot.discovery.DiscoveryException;
import dev.pilot.discovery.Upstream;
import dev.pilot.discovery.spi.Backoff;
import dev.pilot.discovery.spi.RetryingSource;
import dev.pilot.discovery.spi.SharedSource;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The feed of a {@link SharedSource}: every watch of one backend on a fixed number of connections, however many upstreams are
 * watched: Consul closes the connections of a client address beyond
 * {@code limits.http_max_conns_per_client} (200 by default), so a blocking query per watch would
 * cost the heartbeats their connections at about 200 watches.
 *
 * <ul>
 *   <li>one blocking query on {@code /v1/health/state/any}, the state of every check: when it
 *       answers, the services whose checks changed (added, removed, another status or another
 *       modify index) are the ones read again; a node check that changed concerns every service;</li>
 *   <li>one blocking query on {@code /v1/catalog/services}, for services without checks, which
 *       the first query cannot see: a service whose tags changed, or that came or went, is read
 *       again, and an answer that moved without such a difference reads again the watched
 *       services that have no checks (an instance of theirs may have come, gone or moved);</li>
 *   <li>one reader, which reads the upstreams the two queries name, one non-blocking
 *       {@code /v1/health/service/{name}?passing} read each, and hands each set to its watch.</li>
 * </ul>
 *
 * Each of the three is a {@link RetryingSource}; they run while at least one upstream is watched
 * (the {@link SharedSource} starts and stops them).
 * After a failed query the next one does not block and is compared with the last state seen, so
 * a change during an outage is read once the agent answers again.
 *
 * <p>Thread-safe.
 */
final class ConsulSharedWatch implements SharedSource.Feed {

    private final ConsulApi api;
    private final Duration wait;
    private final SharedSource.Subscribers watched;
    /** The watched upstreams whose sets are to be read. Guarded by {@code this}. */
    private final Set<Upstream> pending = new LinkedHashSet<>();
    /** The services that have checks, as the check query last saw them: it speaks for them. */
    private volatile Set<String> checked = Set.of();
    private final List<RetryingSource> loops;

    ConsulSharedWatch(ConsulApi api, Duration wait, SharedSource.Subscribers watched) {
        this.api = api;
        this.wait = wait;
        this.watched = watched;
        this.loops = List.of(
                loop("reader", "the reader of watched upstreams", new Reader()),
                loop("checks", "the watch of check states", new ChecksQuery()),
                loop("catalog", "the watch of the service catalog", new CatalogQuery()));
    }

    /** The first read of {@code upstream} comes at once. */
    @Override
    public void joined(Upstream upstream) {
        request(Set.of(upstream));
    }

    @Override
    public void close() {
        loops.forEach(RetryingSource::close);
    }

    private RetryingSource loop(String name, String what, RetryingSource.Pass pass) {
        return RetryingSource.start("consul-watch-" + name, ConsulSharedWatch.class.getName(),
                "consul at " + api.address() + ": " + what,
                new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5)), pass, () -> {});
    }

    /** Asks the reader for the sets of {@code upstreams}. */
    private synchronized void request(Set<Upstream> upstreams) {
        for (Upstream upstream : upstreams) {
            if (watched.isWatched(upstream)) {
                pending.add(upstream);
            }
        }
        if (!pending.isEmpty()) {
            notifyAll();
        }
    }

    /** Asks for every watched upstream of the services named in {@code names}; null: of every service. */
    private void requestServices(Set<String> names) {
        Set<Upstream> upstreams = new HashSet<>();
        for (Upstream upstream : watched.upstreams()) {
            if (names == null || names.contains(upstream.name())) {
                upstreams.add(upstream);
            }
        }
        request(upstreams);
    }

    private synchronized Upstream nextRequested() throws InterruptedException {
        while (pending.isEmpty()) {
            wait();
        }
        Upstream next = pending.iterator().next();
        pending.remove(next);
        return next;
    }

    /** Reads the requested upstreams one at a time; a failed read is requested again after the backoff. */
    private final class Reader implements RetryingSource.Pass {
        @Override
        public void run(Runnable answered) throws InterruptedException {
            Upstream upstream = nextRequested();
            if (!watched.isWatched(upstream)) {
                return;
            }
            try {
                watched.publish(upstream, api.healthy(upstream, 0, wait).instances());
            } catch (DiscoveryException e) {
                request(Set.of(upstream));
                throw e;
            }
        }
    }

    /** One blocking query of a resource, its index kept as Consul's guidance asks; an answer is handed on from the second on. */
    private abstract static class BlockingPass<T> implements RetryingSource.Pass {
        private final QueryIndex index = new QueryIndex();
        private final RateLimit rateLimit = new RateLimit(10, Duration.ofMillis(50));
        private T last;

        abstract T query(long index);

        abstract long indexOf(T answer);

        /** What an answer means, compared with the one before it. */
        abstract void changed(T answer, T before);

        @Override
        public void run(Runnable answered) throws InterruptedException {
            Duration pause = rateLimit.acquire(System.nanoTime());
            if (!pause.isZero()) {
                Thread.sleep(pause.toMillis());
            }
            T answer;
            try {
                answer = query(index.value());
            } catch (DiscoveryException e) {
                index.reset();
                throw e;
            }
            index.advance(indexOf(answer));
            if (last != null) {
                changed(answer, last);
            }
            last = answer;
        }
    }

    /** The blocking query on check states: the services whose checks changed are read again. */
    private final class ChecksQuery extends BlockingPass<ConsulApi.CheckStates> {
        @Override
        ConsulApi.CheckStates query(long index) {
            ConsulApi.CheckStates states = api.checkStates(index, wait);
            checked = Set.copyOf(states.byService().keySet());
            return states;
        }

        @Override
        long indexOf(ConsulApi.CheckStates answer) {
            return answer.index();
        }

        @Override
        void changed(ConsulApi.CheckStates answer, ConsulApi.CheckStates before) {
            requestServices(answer.changedSince(before));
        }
    }

    /** The blocking query on the service catalog, for the services no check speaks for. */
    private final class CatalogQuery extends BlockingPass<ConsulApi.Catalog> {
        @Override
        ConsulApi.Catalog query(long index) {
            return api.catalogServices(index, wait);
        }

        @Override
        long indexOf(ConsulApi.Catalog answer) {
            return answer.index();
        }

        @Override
        void changed(ConsulApi.Catalog answer, ConsulApi.Catalog before) {
            if (answer.index() == before.index()) {
                return;
            }
            Set<String> changed = answer.changedSince(before);
            if (changed.isEmpty()) {
                changed = new HashSet<>(answer.services().keySet());
                changed.removeAll(checked);
            }
            requestServices(changed);
        }
    }
}
