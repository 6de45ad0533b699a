package dev.pilot.discovery.consul;

import static dev.pilot.discovery.consul.ConsulHttp.encode;
import static dev.pilot.discovery.support.JsonValues.array;
import static dev.pilot.discovery.support.JsonValues.object;
import static dev.pilot.discovery.support.JsonValues.text;

import dev.pilot.discovery.DiscoveryException;
import dev.pilot.discovery.Instance;
import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.discovery.Upstream;
import dev.pilot.discovery.spi.ConfigMap;
import dev.pilot.discovery.support.JsonValues;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The client of Consul's HTTP API: the few endpoints of the agent, health and catalog API that
 * the backend uses, each mapped to what it means for a service. A refusal names the ACL permission the request needed.
 *
 * <p>Thread-safe.
 */
final class ConsulApi {

    /** A healthy set and the {@code X-Consul-Index} it was read at. */
    record Healthy(List<Instance> instances, long index) {}

    /**
     * The state of every check, by service name (node checks under {@code ""}): one entry per check,
     * its node, ID, service instance, status and modify index.
     */
    record CheckStates(Map<String, Set<String>> byService, long index) {
        /** The services whose checks differ from {@code before}; null when a node check changed (every service). */
        Set<String> changedSince(CheckStates before) {
            Set<String> changed = changedKeys(byService, before.byService);
            return changed.contains("") ? null : changed;
        }
    }

    /** The catalog's services and their tags. */
    record Catalog(Map<String, Set<String>> services, long index) {
        /** The services that came, went or changed tags since {@code before}. */
        Set<String> changedSince(Catalog before) {
            return changedKeys(services, before.services);
        }
    }

    /** The keys whose values differ between {@code after} and {@code before}, or that only one has. */
    private static <V> Set<String> changedKeys(Map<String, V> after, Map<String, V> before) {
        Set<String> changed = new HashSet<>();
        Set<String> keys = new HashSet<>(after.keySet());
        keys.addAll(before.keySet());
        for (String key : keys) {
            if (!Objects.equals(after.get(key), before.get(key))) {
                changed.add(key);
            }
        }
        return changed;
    }

    private static final int MAX_BODY_IN_MESSAGE = 200;

    private final ConsulHttp http;
    private final ConsulConfig config;
    private final HealthEntries healthEntries = new HealthEntries();

    ConsulApi(ConsulHttp http, ConsulConfig config) {
        this.http = http;
        this.config = config;
    }

    /** The agent's {@code host:port}, for messages. */
    String address() {
        return http.address();
    }

    /** A {@link DiscoveryException} about this agent. */
    DiscoveryException failure(String message) {
        return http.failure(message);
    }

    /** Registers (or updates) the service and its TTL check, with the service's own Consul options. */
    void register(ServiceDefinition service, ConsulServiceOptions options) {
        String operation = "registering service " + service.id();
        ConsulHttp.Response response = http.put("/v1/agent/service/register",
                JsonValues.toBytes(Registration.of(service, options)), operation);
        requireOk(response, operation, "service:write on \"" + service.name() + "\"");
    }

    /**
     * Passes the TTL check of {@code service}.
     *
     * @return false when the agent does not know the check (it restarted, lost its data, or the
     *         service was deregistered): the caller registers again
     */
    boolean passTtl(ServiceDefinition service) {
        String operation = "passing the TTL check of " + service.id();
        ConsulHttp.Response response = http.put("/v1/agent/check/pass/" + encode(service.id()) + "?note=ok", null, operation);
        if (response.status() == 403) {
            throw refusal(response, operation, "service:write on \"" + service.name() + "\"");
        }
        // Consul 1.8 answers 500 "CheckID … does not have associated TTL"; later versions 404.
        return response.ok();
    }

    /**
     * Puts {@code service} into Consul's maintenance mode, or takes it out.
     *
     * @return false when the agent has no such service
     */
    boolean maintenance(ServiceDefinition service, boolean enable) {
        String operation = (enable ? "starting" : "ending") + " maintenance of " + service.id();
        ConsulHttp.Response response = http.put("/v1/agent/service/maintenance/" + encode(service.id())
                + "?enable=" + enable + (enable ? "&reason=" + encode("maintenance requested through pilot") : ""),
                null, operation);
        if (response.status() == 404) {
            return false;
        }
        requireOk(response, operation, "service:write on \"" + service.name() + "\"");
        return true;
    }

    /** Removes {@code service} and its checks; a service the agent does not know is fine. */
    void deregister(ServiceDefinition service) {
        String operation = "deregistering service " + service.id();
        ConsulHttp.Response response = http.put("/v1/agent/service/deregister/" + encode(service.id()), null, operation);
        if (response.status() != 404) {
            requireOk(response, operation, "service:write on \"" + service.name() + "\"");
        }
    }

    /**
     * Reads the passing instances of {@code upstream}. With {@code index > 0} this is a blocking
     * query: the agent answers when the set's index passes {@code index}, or after about
     * {@code wait}.
     */
    Healthy healthy(Upstream upstream, long index, Duration wait) {
        StringBuilder path = new StringBuilder("/v1/health/service/").append(encode(upstream.name())).append("?passing");
        if (upstream.hasTag()) {
            path.append("&tag=").append(encode(upstream.tag()));
        }
        if (config.datacenter() != null) {
            path.append("&dc=").append(encode(config.datacenter()));
        }
        Duration timeout = config.timeout();
        if (index > 0) {
            path.append("&index=").append(index).append("&wait=").append(Registration.goDuration(wait));
            timeout = timeout.plus(wait).plus(wait.dividedBy(16)); // Consul adds up to wait/16 of jitter
        }
        String operation = "reading the healthy instances of " + upstream;
        ConsulHttp.Response response = http.get(path.toString(), timeout, operation);
        requireOk(response, operation, "service:read on \"" + upstream.name() + "\" and node:read");
        Object answer = parse(response, operation);
        if (!(answer instanceof List<?> entries)) {
            throw http.failure(operation + ": expected a JSON array, got " + ConfigMap.describe(answer));
        }
        return new Healthy(healthEntries.parse(entries, upstream), response.index());
    }

    /** The state of every check ({@code /v1/health/state/any}); blocking when {@code index > 0}. */
    CheckStates checkStates(long index, Duration wait) {
        String operation = "reading the state of every check";
        Answer answer = read(blocking("/v1/health/state/any", index, wait), index, wait, operation,
                "node:read and service:read");
        if (!(answer.body() instanceof List<?> checks)) {
            throw http.failure(operation + ": expected a JSON array, got " + ConfigMap.describe(answer.body()));
        }
        Map<String, Set<String>> byService = new HashMap<>();
        for (Object item : checks) {
            Map<String, Object> check = object(item);
            byService.computeIfAbsent(text(check.get("ServiceName")), key -> new HashSet<>()).add(text(check.get("Node"))
                    + "|" + text(check.get("CheckID")) + "|" + text(check.get("ServiceID")) + "|"
                    + text(check.get("Status")) + "|" + text(check.get("ModifyIndex")));
        }
        return new CheckStates(byService, answer.index());
    }

    /** The catalog's services and tags ({@code /v1/catalog/services}); blocking when {@code index > 0}. */
    Catalog catalogServices(long index, Duration wait) {
        String operation = "reading the service catalog";
        Answer answer = read(blocking("/v1/catalog/services", index, wait), index, wait, operation, "service:read");
        if (!(answer.body() instanceof Map<?, ?> services)) {
            throw http.failure(operation + ": expected a JSON object, got " + ConfigMap.describe(answer.body()));
        }
        Map<String, Set<String>> tags = new HashMap<>();
        services.forEach((service, serviceTags) -> {
            Set<String> set = new HashSet<>();
            array(serviceTags).forEach(tag -> set.add(text(tag)));
            tags.put((String) service, set);
        });
        return new Catalog(tags, answer.index());
    }

    /** A JSON answer ({@link JsonValues}) and its {@code X-Consul-Index}. */
    private record Answer(Object body, long index) {}

    private String blocking(String resource, long index, Duration wait) {
        StringBuilder path = new StringBuilder(resource).append('?');
        if (config.datacenter() != null) {
            path.append("dc=").append(encode(config.datacenter())).append('&');
        }
        if (index > 0) {
            path.append("index=").append(index).append("&wait=").append(Registration.goDuration(wait));
        }
        return path.toString();
    }

    private Duration timeout(long index, Duration wait) {
        // Consul adds up to wait/16 of jitter to a blocking query
        return index > 0 ? config.timeout().plus(wait).plus(wait.dividedBy(16)) : config.timeout();
    }

    private Answer read(String path, long index, Duration wait, String operation, String permission) {
        ConsulHttp.Response response = http.get(path, timeout(index, wait), operation);
        requireOk(response, operation, permission);
        return new Answer(parse(response, operation), response.index());
    }

    /** The JSON value of an answer's body ({@link JsonValues}); null when it is empty. */
    private Object parse(ConsulHttp.Response response, String operation) {
        try {
            return JsonValues.parse(response.body());
        } catch (IOException e) {
            throw http.failure(operation + ": the answer is not JSON", e);
        }
    }

    private void requireOk(ConsulHttp.Response response, String operation, String permission) {
        if (!response.ok()) {
            throw refusal(response, operation, permission);
        }
    }

    private DiscoveryException refusal(ConsulHttp.Response response, String operation, String permission) {
        String answer = response.status() + " \"" + abbreviate(response.body().trim()) + "\"";
        if (response.status() != 403) {
            return http.failure(operation + ": the agent answered " + answer);
        }
        String why;
        if (!http.hasToken()) {
            why = "no ACL token is configured (set consul.token or CONSUL_HTTP_TOKEN)";
        } else if (response.body().contains("ACL not found")) {
            why = "the agent does not know the configured ACL token";
        } else {
            why = "the configured ACL token lacks it";
        }
        return http.failure(operation + " was refused (" + answer + "): it needs " + permission + "; " + why);
    }

    private static String abbreviate(String body) {
        return body.length() <= MAX_BODY_IN_MESSAGE ? body : body.substring(0, MAX_BODY_IN_MESSAGE) + "…";
    }
}
