package dev.pilot.agent.config;

import dev.pilot.agent.config.net.Interfaces;
import dev.pilot.discovery.ConfigMap;
import dev.pilot.discovery.ServiceDefinition;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One entry of {@code services}: a service this container advertises while its health check
 * passes.
 *
 * @param name      the service name
 * @param id        the instance id, {@code <name>-<hostname>} as in ContainerPilot
 * @param port      the advertised port
 * @param poll      how often the health check runs
 * @param ttl       how long the registration lives without a heartbeat
 * @param health    the health check; absent means always healthy
 * @param timeout   the health check's time limit; zero means none
 * @param address   the advertised address, resolved from {@code interfaces}
 * @param tags      the advertised tags
 * @param consul    the Consul-only options, if given
 */
public record ServiceConfig(String name, String id, int port, Duration poll, Duration ttl,
                            Optional<Command> health, Duration timeout, String address, List<String> tags,
                            Optional<ConsulServiceOptions> consul) {

    static final String[] KEYS = {"name", "port", "health", "poll", "ttl", "timeout", "interfaces", "tags", "consul"};

    public ServiceConfig {
        tags = List.copyOf(tags);
    }

    static ServiceConfig parse(ConfigMap block, String hostname, Interfaces interfaces) {
        block.allowOnly(KEYS);
        String name = Fields.name(block, "name", "service name");
        return new ServiceConfig(name, name + "-" + hostname, Fields.port(block, "port"),
                Fields.positiveSeconds(block, "poll"), Fields.positiveSeconds(block, "ttl"),
                Fields.command(block, "health"), Fields.timeout(block, "timeout"),
                interfaces.resolve(block.path("interfaces"), block.stringList("interfaces")),
                block.stringList("tags"), block.map("consul").map(ConsulServiceOptions::parse));
    }

    /** What the backend registers. */
    public ServiceDefinition definition() {
        return new ServiceDefinition(id, name, port, ttl, tags, address);
    }
}
