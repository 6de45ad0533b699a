package dev.pilot.discovery.spring;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * Spring Cloud's {@link ReactiveDiscoveryClient} on the same watched sets as
 * {@link PilotDiscoveryClient}. Only a service's first look-up touches the catalog; it runs on
 * Reactor's bounded-elastic scheduler so that no event loop blocks on it.
 */
final class PilotReactiveDiscoveryClient implements ReactiveDiscoveryClient {

    private final PilotDiscoveryClient blocking;
    private final WatchedServices services;

    PilotReactiveDiscoveryClient(PilotDiscoveryClient blocking, WatchedServices services) {
        this.blocking = blocking;
        this.services = services;
    }

    @Override
    public String description() {
        return "Pilot reactive discovery client, on the " + blocking.description();
    }

    @Override
    public Flux<ServiceInstance> getInstances(String serviceId) {
        Flux<ServiceInstance> instances = Flux.defer(() -> Flux.fromIterable(blocking.getInstances(serviceId)));
        return services.services().contains(serviceId) ? instances : instances.subscribeOn(Schedulers.boundedElastic());
    }

    @Override
    public Flux<String> getServices() {
        return Flux.defer(() -> Flux.fromIterable(blocking.getServices()));
    }
}
