package dev.pilot.discovery.consul;

import dev.pilot.discovery.ServiceDefinition;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The instances this backend advertises, each a service registered with the agent with its TTL
 * check ({@link Registration}) and its own Consul options ({@link ConsulServiceOptions}).
 *
 * <ul>
 *   <li><b>Heartbeat</b>: the first heartbeat of a definition (or of a changed one) registers the
 *       service, ends any maintenance a previous process left, and passes the check; later
 *       heartbeats only pass the check. When the agent no longer knows the check (it restarted or
 *       lost its data, or someone deregistered the service), the heartbeat registers again and
 *       passes.</li>
 *   <li><b>Maintenance</b> is Consul's own maintenance mode: the registration stays, with a critical
 *       {@code _service_maintenance} check that takes it out of the passing set; the next heartbeat
 *       registers again, which ends it.</li>
 * </ul>
 *
 * <p>Thread-safe.
 */
final class ConsulRegistrations {

    private final ConsulApi api;
    private final ConsulConfig config;
    /** What this object last registered, by service ID: a heartbeat of the same definition only passes the check. */
    private final ConcurrentMap<String, ServiceDefinition> registered = new ConcurrentHashMap<>();

    ConsulRegistrations(ConsulApi api, ConsulConfig config) {
        this.api = api;
        this.config = config;
    }

    void heartbeat(ServiceDefinition service) {
        if (!service.equals(registered.get(service.id())) || !api.passTtl(service)) {
            register(service);
        }
    }

    void maintenance(ServiceDefinition service) {
        registered.remove(service.id());
        api.maintenance(service, true);
    }

    void deregister(ServiceDefinition service) {
        registered.remove(service.id());
        api.deregister(service);
    }

    private void register(ServiceDefinition service) {
        api.register(service, ConsulServiceOptions.of(service, config));
        api.maintenance(service, false);
        if (!api.passTtl(service)) {
            throw api.failure("the agent does not know the TTL check of " + service.id() + " right after registering it");
        }
        registered.put(service.id(), service);
    }
}
