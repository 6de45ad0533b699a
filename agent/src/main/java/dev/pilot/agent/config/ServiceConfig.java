package dev.pilot.agent.config;

import dev.pilot.agent.config.net.Interfaces;
import dev.pilot.discovery.ConfigException;
import dev.pilot.discovery.spi.ConfigMap;
import dev.pilot.discovery.ServiceDefinition;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

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
 * @param options   options only one catalog understands, by backend name: the service's block under
 *                  {@code consul} (or another backend's name), raw, as the backend reads and checks it
 */
public record ServiceConfig(String name, String id, int port, Duration poll, Duration ttl,
                            Optional<Command> health, Duration timeout, String address, List<String> tags,
                            Map<String, Object> options) {

    static final String[] KEYS = {"name", "port", "health", "poll", "ttl", "timeout", "interfaces", "tags"};

    public ServiceConfig {
        tags = List.copyOf(tags);
        options = Map.copyOf(options);
    }

    /** @param backends the backend names a service may hold a block for */
    static ServiceConfig parse(ConfigMap block, String hostname, Interfaces interfaces, Collection<String> backends) {
        block.allowOnly(Stream.concat(Stream.of(KEYS), backends.stream()).toArray(String[]::new));
        Map<String, Object> options = new LinkedHashMap<>();
        for (String backend : backends) {
            block.raw(backend).ifPresent(raw -> options.put(backend, raw));
        }
        String name = Fields.name(block, "name", "service name");
        return new ServiceConfig(name, name + "-" + hostname, Fields.port(block, "port"),
                Fields.positiveSeconds(block, "poll"), Fields.positiveSeconds(block, "ttl"),
                Fields.command(block, "health"), Fields.timeout(block, "timeout"),
                interfaces.resolve(block.path("interfaces"), block.stringList("interfaces")),
                tags(block), options);
    }

    /** A tag or a list of them; a blank one is a mistake (every catalog refuses it), not "no tags". */
    private static List<String> tags(ConfigMap block) {
        if (block.raw("tags").orElse(null) instanceof String text && text.isBlank()) {
            throw new ConfigException(block.path("tags"), "expected a tag or an array of tags, got " + ConfigMap.describe(text));
        }
        List<String> tags = block.stringList("tags");
        for (int i = 0; i < tags.size(); i++) {
            if (tags.get(i).isBlank()) {
                throw new ConfigException(block.path("tags") + "[" + i + "]", "expected a non-blank tag, got "
                        + ConfigMap.describe(tags.get(i)));
            }
        }
        return tags;
    }

    /** What the backend registers, with every backend's options block (each backend reads its own). */
    public ServiceDefinition definition() {
        return new ServiceDefinition(id, name, port, ttl, tags, address, Map.of(), options);
    }
}
