package dev.pilot.bench.scale;

import dev.pilot.bench.catalog.Catalog;
import dev.pilot.bench.catalog.HeartbeatClient;
import dev.pilot.bench.throughput.HeartbeatLoad;
import dev.pilot.discovery.ServiceDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the catalog itself sustains: the server's own client registers {@code services} services
 * and sends TTL updates as fast as {@value #CONCURRENCY} threads can, for one bounded round; the
 * rate is the ceiling the scale ladder stays under.
 */
final class ScaleCeiling {

    static final int CONCURRENCY = 16;
    /** A scale process may use at most this share of the ceiling. */
    static final double HEADROOM = 0.5;

    private ScaleCeiling() {}

    /** TTL updates per second; -1 when the round failed. */
    static double measure(Catalog catalog, int services, Duration window) {
        List<ServiceDefinition> definitions = new ArrayList<>();
        for (int i = 0; i < services; i++) {
            definitions.add(new ServiceDefinition("ceiling-" + i + "-1", "ceiling-" + i, 30_000 + i, ScaleRun.TTL,
                    List.of(), "127.0.0.1"));
        }
        try (HeartbeatClient raw = catalog.rawHeartbeats()) {
            HeartbeatLoad load = new HeartbeatLoad(raw, definitions, CONCURRENCY);
            load.registerAll();
            HeartbeatLoad.Round round = load.round(window, 1_000_000);
            for (ServiceDefinition definition : definitions) {
                try {
                    raw.deregister(definition);
                } catch (RuntimeException e) {
                    // expires with its TTL
                }
            }
            return round.failures() > round.heartbeats() ? -1 : Math.round(round.perSecond());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /**
     * The services one process may heartbeat (every half TTL) using at most {@link #HEADROOM} of
     * {@code ceiling}, and at most {@code most}.
     */
    static int sustainable(double ceiling, int most) {
        if (ceiling <= 0) {
            return most;
        }
        long services = (long) (ceiling * HEADROOM * ScaleRun.TTL.toSeconds() / 2);
        return (int) Math.max(1, Math.min(most, services));
    }
}
