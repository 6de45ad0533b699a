package dev.pilot.discovery.spring;

import dev.pilot.discovery.DiscoveryException;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.discovery.spi.Threads;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one registration alive: a heartbeat three times per TTL on a named virtual thread, sent
 * only while the {@link HealthGate} is open and the instance is not in maintenance. When the gate
 * closes, heartbeats stop and the catalog drops the instance after its TTL, as with
 * ContainerPilot's health check. A failed heartbeat is logged once per outage and retried by the
 * next one. Thread-safe.
 */
final class Heartbeat {

    private static final Logger log = LoggerFactory.getLogger(Heartbeat.class);
    private static final Duration MIN_PERIOD = Duration.ofMillis(100);

    /** The outcome of the last heartbeat attempt, for the health indicator. */
    record Outcome(Instant at, String error, String paused) {}

    private final ServiceBackend backend;
    private final ServiceDefinition definition;
    private final HealthGate gate;
    private final PilotMetrics metrics;
    private final Duration period;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean maintenance;
    private volatile Outcome outcome = new Outcome(null, null, null);
    private volatile boolean failing;
    private Thread thread;

    Heartbeat(ServiceBackend backend, ServiceDefinition definition, HealthGate gate, PilotMetrics metrics) {
        this.backend = backend;
        this.definition = definition;
        this.gate = gate;
        this.metrics = metrics;
        Duration third = definition.ttl().dividedBy(3);
        this.period = third.compareTo(MIN_PERIOD) < 0 ? MIN_PERIOD : third;
    }

    ServiceDefinition definition() {
        return definition;
    }

    /** Sends the first heartbeat now (if the gate is open), then keeps sending them. */
    synchronized void start() {
        if (thread == null) {
            beat();
            thread = Threads.start("pilot-heartbeat-" + definition.id(), this::run);
        }
    }

    /** Takes the instance out of the healthy set and stops heartbeats until {@link #resume}. */
    synchronized void markForMaintenance() {
        maintenance = true;
        backend.markForMaintenance(definition);
    }

    /** Ends maintenance with a heartbeat now. */
    synchronized void resume() {
        maintenance = false;
        beat();
    }

    /** Sends a heartbeat now, unless in maintenance, stopped or the gate is closed. */
    void beatNow() {
        beat();
    }

    boolean inMaintenance() {
        return maintenance;
    }

    Outcome outcome() {
        return outcome;
    }

    /** Stops the thread; returns once it no longer sends. */
    void stop() {
        stopped.countDown();
        Thread running;
        synchronized (this) {
            running = thread;
        }
        if (running != null) {
            try {
                running.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        try {
            while (!stopped.await(period.toMillis(), TimeUnit.MILLISECONDS)) {
                beat();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void beat() {
        if (maintenance || stopped.getCount() == 0) {
            return;
        }
        String closed = gate.closedBecause();
        if (closed != null) {
            outcome = new Outcome(outcome.at(), outcome.error(), closed);
            return;
        }
        try {
            backend.sendHeartbeat(definition);
            metrics.heartbeat(true);
            outcome = new Outcome(Instant.now(), null, null);
            if (failing) {
                failing = false;
                log.info("Heartbeats of {} reach {} again", definition.id(), backend.name());
            }
        } catch (DiscoveryException e) {
            metrics.heartbeat(false);
            outcome = new Outcome(Instant.now(), e.getMessage(), null);
            if (!failing) {
                failing = true;
                log.warn("Heartbeat of {} failed, retrying every {} ms: {}", definition.id(), period.toMillis(), e.getMessage());
            }
        }
    }
}
