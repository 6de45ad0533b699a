package dev.pilot.discovery.spring;

import dev.pilot.discovery.Instance;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.cloud.client.ServiceInstance;

/**
 * A healthy instance from a Pilot catalog, as Spring Cloud sees it: the catalog's metadata is
 * {@link #getMetadata()}, its tags are {@link #getTags()}. {@code metadata.secure=true} makes
 * the URI {@code https}, as in Spring Cloud's Consul integration.
 *
 * @param instance the instance as the catalog reports it
 */
public record PilotServiceInstance(Instance instance) implements ServiceInstance {

    @Override
    public String getInstanceId() {
        return instance.id();
    }

    @Override
    public String getServiceId() {
        return instance.name();
    }

    @Override
    public String getHost() {
        return instance.address();
    }

    @Override
    public int getPort() {
        return instance.port();
    }

    @Override
    public boolean isSecure() {
        return Boolean.parseBoolean(instance.meta().get("secure"));
    }

    @Override
    public URI getUri() {
        return ServiceInstance.createUri(this);
    }

    @Override
    public Map<String, String> getMetadata() {
        return instance.meta();
    }

    /** The instance's tags. */
    public List<String> getTags() {
        return instance.tags();
    }

    static List<ServiceInstance> of(List<Instance> instances) {
        return instances.stream().<ServiceInstance>map(PilotServiceInstance::new).toList();
    }
}
