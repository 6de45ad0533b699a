package dev.pilot.discovery.spring;

import dev.pilot.discovery.DiscoveryException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Spring Cloud LoadBalancer's instance list for one service, fed by Pilot's watch: every set the
 * watch delivers is emitted at once, and each subscriber (the load balancer subscribes per
 * request) gets the latest set first. There is no cache TTL: a new instance is routable, and a
 * departed one no longer routed to, as soon as the catalog pushes the change. Through a catalog
 * outage the last known set stays. Thread-safe.
 */
final class PilotServiceInstanceListSupplier implements ServiceInstanceListSupplier, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(PilotServiceInstanceListSupplier.class);

    private final String serviceId;
    private final WatchedServices services;
    private final Sinks.Many<List<ServiceInstance>> latest = Sinks.many().replay().latest();
    private volatile Runnable stopListening;

    PilotServiceInstanceListSupplier(String serviceId, WatchedServices services) {
        this.serviceId = serviceId;
        this.services = services;
    }

    @Override
    public String getServiceId() {
        return serviceId;
    }

    @Override
    public Flux<List<ServiceInstance>> get() {
        return Flux.defer(() -> {
            if (!listening()) {
                return Flux.just(List.<ServiceInstance>of());
            }
            return latest.asFlux();
        });
    }

    /** Starts the watch on the first request; false when the first read failed (the next request retries). */
    private boolean listening() {
        if (stopListening != null) {
            return true;
        }
        synchronized (this) {
            if (stopListening == null) {
                try {
                    stopListening = services.listen(serviceId, healthy -> latest.emitNext(PilotServiceInstance.of(healthy),
                            Sinks.EmitFailureHandler.busyLooping(java.time.Duration.ofSeconds(1))));
                } catch (DiscoveryException e) {
                    log.warn("No instances of {} to route to yet: {}", serviceId, e.getMessage());
                    return false;
                }
            }
            return true;
        }
    }

    @Override
    public void destroy() {
        Runnable stop = stopListening;
        if (stop != null) {
            stop.run();
        }
        latest.tryEmitComplete();
    }
}
