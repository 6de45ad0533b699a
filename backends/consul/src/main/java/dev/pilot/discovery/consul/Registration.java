package dev.pilot.discovery.consul;

import dev.pilot.discovery.ServiceDefinition;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The body of {@code PUT /v1/agent/service/register} for a {@link ServiceDefinition}, in the shape
 * ContainerPilot 2.7 registered, so that a Go ContainerPilot and Pilot can share a catalog: the
 * service ({@code ID}, {@code Name}, {@code Tags}, {@code Port}, {@code Address},
 * {@code EnableTagOverride}, plus {@code Meta} when the definition has metadata) and one TTL check
 * whose {@code CheckID} and {@code Name} are the service ID, with {@code TTL "<n>s"}, notes naming
 * the service and {@code DeregisterCriticalServiceAfter} when configured; both Consul-only options
 * are the service's own ({@link ConsulServiceOptions}).
 *
 * <p>The check starts {@code passing}, where Consul's default is {@code critical}: a service is
 * registered by a heartbeat, and a heartbeat is sent because its health check passed. So the
 * service is healthy, and seen by every watch, with the registration itself, not two requests
 * later when the heartbeat has ended any maintenance and passed the check (a new agent's first
 * requests are its slowest; a maintenance left by another process still holds it back until then).
 *
 * <p>ContainerPilot registered the service and then the check in a second request; here the check
 * is part of the service registration, which Consul stores identically, in one request, and
 * without the moment in which a service without checks counts as passing.
 */
final class Registration {

    private Registration() {}

    static Map<String, Object> of(ServiceDefinition service, ConsulServiceOptions options) {
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("CheckID", service.id());
        check.put("Name", service.id());
        check.put("TTL", goDuration(service.ttl()));
        check.put("Notes", notes(service.name()));
        check.put("Status", "passing");
        if (options.deregisterCriticalServiceAfter() != null) {
            check.put("DeregisterCriticalServiceAfter", goDuration(options.deregisterCriticalServiceAfter()));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ID", service.id());
        body.put("Name", service.name());
        body.put("Tags", service.tags());
        body.put("Port", service.port());
        body.put("Address", service.ipAddress());
        body.put("EnableTagOverride", options.enableTagOverride());
        if (!service.meta().isEmpty()) {
            body.put("Meta", service.meta());
        }
        body.put("Check", check);
        return body;
    }

    /** ContainerPilot's check notes, so both agents' checks read the same. */
    static String notes(String serviceName) {
        return "TTL for " + serviceName + " set by containerpilot";
    }

    /** A duration in Go's syntax, as Consul parses it: whole seconds as {@code "30s"}, else milliseconds. */
    static String goDuration(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }
}
