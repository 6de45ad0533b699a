package dev.pilot.discovery.spring;

import dev.pilot.discovery.DiscoveryException;
import dev.pilot.discovery.Instance;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Takes this instance out of the catalog before the web server stops taking requests, so that a
 * graceful shutdown loses no call. Spring Cloud's auto-registration deregisters when its bean is
 * destroyed, after every lifecycle has stopped: by then Spring Boot's graceful shutdown
 * ({@code WebServerGracefulShutdownLifecycle}, phase {@code SmartLifecycle.DEFAULT_PHASE - 1024})
 * and the web server's stop have already refused the calls that callers still route here.
 *
 * <p>Stopped in Spring's first shutdown phase ({@link SmartLifecycle#DEFAULT_PHASE}), this
 * deregisters (heartbeats stop first), waits until this application's own watch of its service
 * no longer holds the instance — the change has reached the catalog's watchers — at most one TTL,
 * then keeps serving for {@code pilot.discovery.service.shutdown-delay}, the time the other
 * applications' watches take to deliver the same change, before graceful shutdown begins.
 */
final class PilotDeregistrationLifecycle implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PilotDeregistrationLifecycle.class);

    private final PilotAutoServiceRegistration autoRegistration;
    private final PilotRegistration registration;
    private final WatchedServices services;
    private final Duration delay;
    private volatile boolean running;

    PilotDeregistrationLifecycle(PilotAutoServiceRegistration autoRegistration, PilotRegistration registration,
                                 WatchedServices services, Duration delay) {
        this.autoRegistration = autoRegistration;
        this.registration = registration;
        this.services = services;
        this.delay = delay;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        if (!autoRegistration.isRunning()) {
            return;
        }
        String id = registration.getInstanceId();
        CountDownLatch gone = new CountDownLatch(1);
        Runnable stopListening = listenUntilGone(id, gone);
        try {
            autoRegistration.stop();
            if (!gone.await(registration.getTtl().toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("{} still looked healthy {} s after deregistration; stopping anyway", id,
                        registration.getTtl().toSeconds());
            }
            if (!delay.isZero()) {
                log.info("{} left the catalog; serving {} ms more while callers' watches get the change", id,
                        delay.toMillis());
                Thread.sleep(delay.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stopListening.run();
        }
    }

    /** Counts {@code gone} down once this application's watch of its own service no longer holds {@code id}. */
    private Runnable listenUntilGone(String id, CountDownLatch gone) {
        try {
            return services.listen(registration.getServiceId(), (List<Instance> healthy) -> {
                if (healthy.stream().noneMatch(instance -> instance.id().equals(id))) {
                    gone.countDown();
                }
            });
        } catch (DiscoveryException e) {
            log.warn("Cannot watch {} to see {} leave ({}); waiting only the shutdown delay", registration.getServiceId(),
                    id, e.getMessage());
            gone.countDown();
            return () -> {};
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return DEFAULT_PHASE;
    }
}
