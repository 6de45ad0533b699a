package dev.pilot.discovery.consul;

import dev.pilot.discovery.spi.Backoff;
import dev.pilot.discovery.DiscoveryException;
import dev.pilot.discovery.Instance;
import dev.pilot.discovery.spi.RetryingSource;
import dev.pilot.discovery.Upstream;
import dev.pilot.discovery.spi.UpstreamCache;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The push behind a watch of one upstream: a {@link RetryingSource} whose pass is one blocking
 * query on {@code /v1/health/service/{name}?passing}, waiting until the set's index passes the
 * last one seen (or {@code wait} elapses), handing the set it reads to the sink. The index is kept
 * by {@link QueryIndex} (reset after a failure); passes are paced by a {@link RateLimit}. So an
 * idle watch costs about one request per {@code wait}, and a change costs one answer. Closing
 * interrupts the loop's thread, which aborts the request in flight.
 */
final class BlockingQuery {

    private BlockingQuery() {}

    /** Starts the loop for {@code upstream}; the first read does not block. */
    static UpstreamCache.Source start(Upstream upstream, ConsulApi api, Duration wait, Consumer<List<Instance>> sink) {
        QueryIndex index = new QueryIndex();
        RateLimit rateLimit = new RateLimit(10, Duration.ofMillis(50));
        return RetryingSource.start("consul-watch-" + upstream, BlockingQuery.class.getName(),
                "consul at " + api.address() + ": the watch of " + upstream,
                new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5)), answered -> {
                    Duration pace = rateLimit.acquire(System.nanoTime());
                    if (!pace.isZero()) {
                        Thread.sleep(pace.toMillis());
                    }
                    ConsulApi.Healthy healthy;
                    try {
                        healthy = api.healthy(upstream, index.value(), wait);
                    } catch (DiscoveryException e) {
                        index.reset();
                        throw e;
                    }
                    index.advance(healthy.index());
                    sink.accept(healthy.instances());
                }, () -> {});
    }
}
