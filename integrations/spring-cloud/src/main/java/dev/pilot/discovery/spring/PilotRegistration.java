package dev.pilot.discovery.spring;

import dev.pilot.discovery.ServiceDefinition;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.serviceregistry.Registration;

/**
 * This application's instance, as {@link PilotServiceRegistry} registers it. The port is known
 * once the web server has started (unless {@code pilot.discovery.service.port} gives it), and so
 * is the default instance id, {@code <name>-<address>-<port>}.
 *
 * <p>Thread-safe: the port is set once, before registration.
 */
public final class PilotRegistration implements Registration {

    private final String serviceId;
    private final String configuredId;
    private final String host;
    private final Duration ttl;
    private final List<String> tags;
    private final Map<String, String> metadata;
    private final String hostSource;
    private volatile int port;

    PilotRegistration(String serviceId, String configuredId, String host, String hostSource, Integer port, Duration ttl,
                      List<String> tags, Map<String, String> metadata) {
        this.serviceId = serviceId;
        this.hostSource = hostSource;
        this.configuredId = configuredId;
        this.host = host;
        this.port = port == null ? 0 : port;
        this.ttl = ttl;
        this.tags = List.copyOf(tags);
        this.metadata = Map.copyOf(metadata);
    }

    /** Sets the port from the web server, unless one was configured. */
    void bindPort(int webServerPort) {
        if (port == 0) {
            port = webServerPort;
        }
    }

    /** The definition Pilot's backend registers; needs the port. */
    public ServiceDefinition definition() {
        if (port == 0) {
            throw new IllegalStateException("the port of " + serviceId + " is not known yet: the web server has not started"
                    + " and pilot.discovery.service.port is not set");
        }
        return new ServiceDefinition(getInstanceId(), serviceId, port, ttl, tags, host, metadata);
    }

    @Override
    public String getInstanceId() {
        return configuredId != null ? configuredId : serviceId + "-" + host + "-" + port;
    }

    @Override
    public String getServiceId() {
        return serviceId;
    }

    @Override
    public String getHost() {
        return host;
    }

    @Override
    public int getPort() {
        return port;
    }

    @Override
    public boolean isSecure() {
        return Boolean.parseBoolean(metadata.get("secure"));
    }

    @Override
    public URI getUri() {
        return ServiceInstance.createUri(this);
    }

    @Override
    public Map<String, String> getMetadata() {
        return metadata;
    }

    /** The tags this instance registers with. */
    public List<String> getTags() {
        return tags;
    }

    /** Where {@link #getHost()} came from, for the start-up log line: the property, or how it was found. */
    String getHostSource() {
        return hostSource;
    }

    /** How long the instance stays healthy without a heartbeat. */
    public Duration getTtl() {
        return ttl;
    }

    @Override
    public String toString() {
        return "PilotRegistration[" + getInstanceId() + " " + host + ":" + port + "]";
    }
}
