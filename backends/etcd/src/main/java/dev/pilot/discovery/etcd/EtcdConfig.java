package dev.pilot.discovery.etcd;

import dev.pilot.discovery.ConfigException;
import dev.pilot.discovery.spi.ConfigMap;
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

    private static final String KEY = "etcd";

    public EtcdConfig {
        endpoints = List.copyOf(Objects.requireNonNull(endpoints, "endpoints"));
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("endpoints: expected at least one endpoint");
        }
        for (URI endpoint : endpoints) {
            if (!"http".equals(endpoint.getScheme()) && !"https".equals(endpoint.getScheme())
                    || endpoint.getHost() == null || endpoint.getPort() < 0) {
                throw new IllegalArgumentException("endpoints: expected http://host:port or https://host:port, got " + endpoint);
            }
        }
        Objects.requireNonNull(prefix, "prefix");
        if (!prefix.startsWith("/") || prefix.endsWith("/")) {
            throw new IllegalArgumentException("prefix: expected a path starting with '/' and not ending with '/', got '" + prefix + "'");
        }
        if ((user == null) != (password == null)) {
            throw new IllegalArgumentException("user and password go together; got only " + (user == null ? "password" : "user"));
        }
        tls = Objects.requireNonNullElse(tls, Optional.empty());
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout: expected a positive duration, got " + timeout);
        }
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
        List<URI> endpoints = endpoints(config, tls.isPresent());
        Optional<String> user = config.string("user");
        Optional<String> password = config.secret("password");
        if (user.isPresent() != password.isPresent()) {
            String missing = user.isEmpty() ? "user" : "password";
            throw new ConfigException(config.path(missing), "expected a non-blank string, since "
                    + (user.isEmpty() ? "password" : "user") + " is set; got nothing");
        }
        Duration timeout = config.positiveDuration("timeout", DEFAULT_TIMEOUT);
        return new EtcdConfig(endpoints, prefix(config), user.orElse(null), password.orElse(null),
                tls, timeout);
    }

    private static List<URI> endpoints(ConfigMap config, boolean tls) {
        List<String> values = config.stringList("endpoints");
        if (values.isEmpty()) {
            throw new ConfigException(config.path("endpoints"),
                    "expected an endpoint such as \"http://127.0.0.1:2379\" or an array of them, got "
                            + config.raw("endpoints").map(ConfigMap::describe).orElse("nothing"));
        }
        boolean array = config.raw("endpoints").orElse(null) instanceof List<?>;
        List<URI> endpoints = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String key = array ? config.path("endpoints") + "[" + i + "]" : config.path("endpoints");
            URI endpoint = endpoint(key, values.get(i).trim(), tls);
            if (endpoints.contains(endpoint)) {
                throw new ConfigException(key, "duplicate endpoint \"" + values.get(i) + "\"");
            }
            endpoints.add(endpoint);
        }
        return endpoints;
    }

    /** {@code http://host:port}, {@code https://host:port}, or {@code host:port} (https when tls is set). */
    private static URI endpoint(String key, String value, boolean tls) {
        String expected = "expected http://host:port or https://host:port, got \"" + value + "\"";
        String withScheme = value.contains("://") ? value : (tls ? "https://" : "http://") + value;
        URI uri;
        try {
            uri = new URI(withScheme);
        } catch (URISyntaxException e) {
            throw new ConfigException(key, expected);
        }
        boolean pathless = uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/");
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
                || uri.getHost() == null || uri.getPort() < 0 || !pathless || uri.getRawQuery() != null
                || uri.getRawUserInfo() != null) {
            throw new ConfigException(key, expected);
        }
        if (tls && "http".equals(uri.getScheme())) {
            throw new ConfigException(key, "expected an https:// endpoint since tls is set, got \"" + value + "\"");
        }
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority());
    }

    private static String prefix(ConfigMap config) {
        String prefix = config.string("prefix", DEFAULT_PREFIX);
        String trimmed = prefix.replaceAll("/+$", "");
        if (!trimmed.startsWith("/") || trimmed.contains("//")) {
            throw new ConfigException(config.path("prefix"), "expected a key path such as \"/containerpilot\", got \"" + prefix + "\"");
        }
        return trimmed;
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
