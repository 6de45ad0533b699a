package dev.pilot.discovery.spring;

import dev.pilot.discovery.DiscoveryException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;

/**
 * Spring Cloud's {@link DiscoveryClient} served from Pilot's watches: the first
 * {@link #getInstances} of a service reads the catalog, later calls return the set the watch
 * keeps, without a request. A first read that fails returns an empty list (and is logged); the
 * next call tries again.
 *
 * <p>The SPI has no "list every service" operation: {@link #getServices} lists the services
 * looked up so far, those in {@code pilot.discovery.watch}, and this application's own.
 * Thread-safe.
 */
final class PilotDiscoveryClient implements DiscoveryClient {

    private static final Logger log = LoggerFactory.getLogger(PilotDiscoveryClient.class);

    private final WatchedServices services;
    private final String backendName;
    private final Set<String> ownServices;

    PilotDiscoveryClient(WatchedServices services, String backendName, Set<String> ownServices) {
        this.services = services;
        this.backendName = backendName;
        this.ownServices = Set.copyOf(ownServices);
    }

    @Override
    public String description() {
        return "Pilot discovery client (" + backendName + ")";
    }

    @Override
    public List<ServiceInstance> getInstances(String serviceId) {
        try {
            return PilotServiceInstance.of(services.instances(serviceId));
        } catch (DiscoveryException e) {
            log.warn("No instances of {} yet: {}", serviceId, e.getMessage());
            return List.of();
        }
    }

    @Override
    public List<String> getServices() {
        Set<String> names = new TreeSet<>(services.services());
        names.addAll(ownServices);
        return List.copyOf(names);
    }
}
