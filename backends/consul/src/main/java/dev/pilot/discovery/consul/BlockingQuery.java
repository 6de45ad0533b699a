package dev.pilot.discovery.consul;

import dev.pilot.discovery.DiscoveryException;
import dev.pilot.discovery.Instance;
import dev.pilot.discovery.Upstream;
import dev.pilot.discovery.UpstreamWatchers;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The push behind a watch of one upstream: a loop of blocking queries on
 * {@code /v1/health/service/{name}?passing}, each waiting until the set's index passes the last
 * one seen (or {@code wait} elapses), handing every set it reads to {@code sink}. The index is
 * kept by {@link QueryIndex}; requests are paced by a {@link RateLimit}; failures wait a
 * {@link Backoff} with jitter and keep the last set (an outage is not a change). So an idle
 * watch costs about one request per {@code wait}, and a change costs one answer.
 *
 * <p>Runs on its own named virtual thread; {@link #close()} interrupts it, which aborts the request
 * in flight, and returns once the loop has ended.
 */
final class BlockingQuery implements UpstreamWatchers.Source {

    private static final Logger LOG = LoggerFactory.getLogger(BlockingQuery.class);
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(5);

    private final Upstream upstream;
    private final ConsulAgent agent;
    private final Duration wait;
    private final Consumer<List<Instance>> sink;
    private final QueryIndex index = new QueryIndex();
    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), ThreadLocalRandom.current());
    private final RateLimit rateLimit = new RateLimit(10, Duration.ofMillis(50));
    private final Thread thread;
    private volatile boolean closed;

    private BlockingQuery(Upstream upstream, ConsulAgent agent, Duration wait, Consumer<List<Instance>> sink) {
        this.upstream = upstream;
        this.agent = agent;
        this.wait = wait;
        this.sink = sink;
        this.thread = Thread.ofVirtual().name("consul-watch-" + upstream).unstarted(this::run);
    }

    /** Starts the loop for {@code upstream}; the first read does not block. */
    static BlockingQuery start(Upstream upstream, ConsulAgent agent, Duration wait, Consumer<List<Instance>> sink) {
        BlockingQuery query = new BlockingQuery(upstream, agent, wait, sink);
        query.thread.start();
        return query;
    }

    private void run() {
        int failures = 0;
        while (pause(rateLimit.acquire(System.nanoTime()))) {
            try {
                ConsulAgent.Healthy healthy = agent.healthy(upstream, index.value(), wait);
                if (failures > 0) {
                    LOG.info("consul: the watch of {} reads again after {} failed attempts", upstream, failures);
                    failures = 0;
                    backoff.reset();
                }
                index.advance(healthy.index());
                sink.accept(healthy.instances());
            } catch (DiscoveryException e) {
                if (closed) {
                    return;
                }
                if (failures++ == 0) {
                    LOG.warn("the watch of {} keeps its last set and retries: {}", upstream, e.getMessage());
                } else {
                    LOG.debug("the watch of {} failed again: {}", upstream, e.getMessage());
                }
                index.reset();
                if (!pause(backoff.next())) {
                    return;
                }
            }
        }
    }

    /** Waits {@code duration}; false when the query was closed meanwhile. */
    private boolean pause(Duration duration) {
        if (closed) {
            return false;
        }
        if (duration.isZero()) {
            return true;
        }
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            return false;
        }
        return !closed;
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        if (Thread.currentThread() == thread) {
            return; // a listener cancelled its own watch: the loop ends when the delivery returns
        }
        try {
            if (!thread.join(JOIN_TIMEOUT)) {
                LOG.warn("consul: the watch of {} did not stop within {}", upstream, JOIN_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
