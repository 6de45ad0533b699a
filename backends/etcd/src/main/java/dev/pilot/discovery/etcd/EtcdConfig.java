package dev.pilot.discovery.etcd;

import dev.pilot.discovery.ConfigException;
import dev.pilot.discovery.spi.ConfigMap;
import dev.pilot.discovery.spi.Durations;
import dev.pilot.discovery.TlsOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The configuration of the etcd backend: what a ContainerPilot configuration holds under
 * {@code "etcd"}, plus credentials, TLS and a timeout.
 * <pre>{@code
 * "etcd": {
 *   "endpoints": ["https://10.0.0.1:2379", "https://10.0.0.2:2379"],   // or one string
 *   "prefix": "/containerpilot",
 *   "user": "pilot", "password": "…",
 *   "tls": {"caFile": "/ca.pem", "certFile": "/client.pem", "keyFile": "/client-key.pem"},
 *   "timeout": "5s"
 * }}</pre>
 *
 * @param endpoints every client URL of the cluster ({@code http://host:port} or {@code https://…}),
 *                  tried in turn when one cannot be reached
 * @param prefix    the key prefix: instance {@code id} of service {@code name} lives at
 *                  {@code {prefix}/{name}/{id}}; starts with {@code /}, no trailing {@code /}
 * @param user      the etcd user to authenticate as, or null for none
 * @param password  that user's password, or null; never printed
 * @param tls       TLS settings for {@code https} endpoints; empty for the JDK's defaults
 * @param timeout   how long one operation may take, failover included
 */
public record EtcdConfig(List<URI> endpoints, String prefix, String user, String password, Optional<TlsOptions> tls,
                         Duration timeout) {

    /** ContainerPilot's default key prefix. */
    public static final String DEFAULT_PREFIX = "/containerpilot";
    /** The default time limit of one operation. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private static final String KEY = EtcdBackendProvider.NAME;

    /** @throws ConfigException naming the key of a bad value */
    public EtcdConfig {
        endpoints = endpoints(endpoints == null ? List.of() : endpoints, tls != null && tls.isPresent());
        if (prefix == null || !prefix.startsWith("/") || prefix.endsWith("/") || prefix.contains("//")) {
            throw new ConfigException(KEY + ".prefix", "expected a key path such as \"/containerpilot\", got "
                    + ConfigMap.describe(prefix));
        }
        if ((user == null) != (password == null)) {
            throw new ConfigException(KEY + (user == null ? ".user" : ".password"), "expected a non-blank string, since "
                    + (user == null ? "password" : "user") + " is set; got nothing");
        }
        tls = Objects.requireNonNullElse(tls, Optional.empty());
        Durations.requirePositive(KEY + ".timeout", timeout);
    }

    /** A configuration for {@code endpoints} with every other setting at its default. */
    public static EtcdConfig of(String... endpoints) {
        return from(java.util.Map.of("endpoints", List.of(endpoints)));
    }

    /**
     * Reads the raw configuration under {@code "etcd"}.
     *
     * @throws ConfigException naming the key path, the value and what was expected
     */
    public static EtcdConfig from(Object raw) {
        if (raw == null) {
            throw new ConfigException(KEY, "expected an object such as {\"endpoints\": \"http://127.0.0.1:2379\"}, got nothing");
        }
        ConfigMap config = ConfigMap.of(KEY, raw).allowOnly("endpoints", "prefix", "user", "password", "tls", "timeout");
        Optional<TlsOptions> tls = TlsOptions.from(config);
        return new EtcdConfig(endpoints(config, tls.isPresent()), config.string("prefix", DEFAULT_PREFIX).replaceAll("/+$", ""),
                config.string("user").orElse(null), config.secret("password").orElse(null), tls,
                config.duration("timeout", DEFAULT_TIMEOUT));
    }

    /** The endpoints as written: {@code http://host:port}, {@code https://host:port}, or {@code host:port} (https when tls is set). */
    private static List<URI> endpoints(ConfigMap config, boolean tls) {
        List<URI> endpoints = new ArrayList<>();
        for (String value : config.stringList("endpoints")) {
            String trimmed = value.trim();
            try {
                endpoints.add(new URI(trimmed.contains("://") ? trimmed : (tls ? "https://" : "http://") + trimmed));
            } catch (URISyntaxException e) {
                throw new ConfigException(endpointKey(config.stringList("endpoints").size(), endpoints.size()),
                        "expected http://host:port or https://host:port, got \"" + value + "\"");
            }
        }
        return endpoints;
    }

    /** Every endpoint a client URL of its own, {@code https} when tls is set; each as {@code scheme://host:port}. */
    private static List<URI> endpoints(List<URI> given, boolean tls) {
        if (given.isEmpty()) {
            throw new ConfigException(KEY + ".endpoints", "expected an endpoint such as \"http://127.0.0.1:2379\" or an array of them, got nothing");
        }
        List<URI> endpoints = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            URI uri = given.get(i);
            String key = endpointKey(given.size(), i);
            boolean pathless = uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/");
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
                    || uri.getHost() == null || uri.getPort() < 0 || !pathless || uri.getRawQuery() != null
                    || uri.getRawUserInfo() != null) {
                throw new ConfigException(key, "expected http://host:port or https://host:port, got \"" + uri + "\"");
            }
            if (tls && "http".equals(uri.getScheme())) {
                throw new ConfigException(key, "expected an https:// endpoint since tls is set, got \"" + uri + "\"");
            }
            URI endpoint = URI.create(uri.getScheme() + "://" + uri.getRawAuthority());
            if (endpoints.contains(endpoint)) {
                throw new ConfigException(key, "duplicate endpoint \"" + endpoint + "\"");
            }
            endpoints.add(endpoint);
        }
        return List.copyOf(endpoints);
    }

    private static String endpointKey(int count, int index) {
        return count == 1 ? KEY + ".endpoints" : KEY + ".endpoints[" + index + "]";
    }

    /** Whether the client authenticates with a user and password. */
    public boolean hasCredentials() {
        return user != null;
    }

    /** The endpoints as one string for messages, e.g. {@code 127.0.0.1:2379,127.0.0.1:2380}. */
    public String describeEndpoints() {
        return String.join(",", endpoints.stream().map(URI::getRawAuthority).toList());
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "EtcdConfig[endpoints=" + endpoints + ", prefix=" + prefix + ", user=" + user
                + ", password=" + (password == null ? "none" : "(hidden)") + ", tls=" + tls + ", timeout=" + timeout + "]";
    }
}
