package dev.pilot.discovery.consul;

import dev.pilot.discovery.ConfigException;
import dev.pilot.discovery.spi.ConfigMap;
import dev.pilot.discovery.spi.Durations;
import dev.pilot.discovery.TlsOptions;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Configuration of the {@code consul} backend, as ContainerPilot 2 accepted it and more:
 * <pre>{@code "consul": "localhost:8500"}</pre>
 * <pre>{@code "consul": "https://consul.internal:8501"}</pre>
 * <pre>{@code "consul": {"address": "consul.internal:8501", "scheme": "https", "token": "…",
 *            "datacenter": "dc1", "tls": {"caFile": "/etc/consul/ca.pem"},
 *            "deregisterCriticalServiceAfter": "10m", "enableTagOverride": false,
 *            "timeout": "5s", "watchWait": "5m"}}</pre>
 *
 * <p>When the configuration gives no address, {@code CONSUL_HTTP_ADDR} does, else
 * {@code 127.0.0.1:8500} (Consul's own convention). {@code CONSUL_HTTP_TOKEN}, when set, overrides
 * the configured token, as it did in ContainerPilot 2. A {@code tls} block without a scheme
 * means {@code https}.
 *
 * @param scheme                         {@code http} or {@code https}
 * @param host                           the agent's host name or IP address
 * @param port                           the agent's HTTP(S) port
 * @param token                          the ACL token sent with every request; null for none. Never printed.
 * @param datacenter                     the datacenter whose health is read; null for the agent's own
 * @param tls                            how to verify the agent (and present a client certificate);
 *                                       empty for the JDK's defaults. Only with {@code https}.
 * @param deregisterCriticalServiceAfter when set, Consul removes a registration whose TTL check has
 *                                       been critical this long; Consul's minimum is one minute
 * @param enableTagOverride              Consul's {@code EnableTagOverride} on each registration
 * @param timeout                        the limit of every request, and of connecting
 * @param watchWait                      how long a blocking query waits for a change (Consul's
 *                                       {@code wait}; at most 10 minutes)
 */
public record ConsulConfig(
        String scheme, String host, int port, String token, String datacenter, Optional<TlsOptions> tls,
        Duration deregisterCriticalServiceAfter, boolean enableTagOverride, Duration timeout,
        Duration watchWait) {

    /** Where the agent is when nothing says otherwise. */
    public static final String DEFAULT_ADDRESS = "127.0.0.1:8500";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_WATCH_WAIT = Duration.ofMinutes(5);
    static final Duration MAX_WATCH_WAIT = Duration.ofMinutes(10);
    static final Duration MIN_DEREGISTER_AFTER = Duration.ofMinutes(1);

    private static final String KEY = ConsulBackendProvider.NAME;

    private static final String[] KEYS = {"address", "scheme", "token", "datacenter", "tls",
            "deregisterCriticalServiceAfter", "enableTagOverride", "timeout", "watchWait"};

    /** @throws ConfigException naming the key of a bad value */
    public ConsulConfig {
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new ConfigException(KEY + ".scheme", "expected \"http\" or \"https\", got " + ConfigMap.describe(scheme));
        }
        if (host == null || host.isBlank()) {
            throw new ConfigException(KEY + ".address", "expected a host name or IP address, got " + ConfigMap.describe(host));
        }
        if (port < 1 || port > 65535) {
            throw new ConfigException(KEY + ".address", "expected a port from 1 to 65535, got \"" + hostPort(host, port) + "\"");
        }
        tls = Objects.requireNonNullElse(tls, Optional.empty());
        if (tls.isPresent() && !"https".equals(scheme)) {
            throw new ConfigException(KEY + ".tls", "TLS settings need the https scheme, but the scheme is \"" + scheme + "\"");
        }
        requireDeregisterAfter(KEY + ".deregisterCriticalServiceAfter", deregisterCriticalServiceAfter);
        Durations.requirePositive(KEY + ".timeout", timeout);
        Durations.requirePositive(KEY + ".watchWait", watchWait);
        if (watchWait.compareTo(MAX_WATCH_WAIT) > 0) {
            throw new ConfigException(KEY + ".watchWait", "expected at most 10m (Consul's maximum), got \""
                    + Durations.format(watchWait) + "\"");
        }
    }

    /**
     * Consul's rule for {@code deregisterCriticalServiceAfter}, the backend's default or a service's own:
     * null (never) or at least one minute.
     *
     * @param key the key path, for the message
     * @throws ConfigException naming {@code key} when {@code value} is shorter
     */
    static void requireDeregisterAfter(String key, Duration value) {
        if (value != null && value.compareTo(MIN_DEREGISTER_AFTER) < 0) {
            throw new ConfigException(key, "expected at least 1m (Consul's minimum), got \"" + Durations.format(value) + "\"");
        }
    }

    /** An agent at {@code host:port} over plain HTTP, without token, with every default. */
    public static ConsulConfig http(String host, int port) {
        return new ConsulConfig("http", host, port, null, null, null, null, false, DEFAULT_TIMEOUT, DEFAULT_WATCH_WAIT);
    }

    /** This configuration with another ACL token (null for none). */
    public ConsulConfig withToken(String newToken) {
        return new ConsulConfig(scheme, host, port, newToken, datacenter, tls, deregisterCriticalServiceAfter,
                enableTagOverride, timeout, watchWait);
    }

    /** This configuration with another request timeout. */
    public ConsulConfig withTimeout(Duration newTimeout) {
        return new ConsulConfig(scheme, host, port, token, datacenter, tls, deregisterCriticalServiceAfter,
                enableTagOverride, newTimeout, watchWait);
    }

    /** This configuration with another blocking-query wait. */
    public ConsulConfig withWatchWait(Duration newWait) {
        return new ConsulConfig(scheme, host, port, token, datacenter, tls, deregisterCriticalServiceAfter,
                enableTagOverride, timeout, newWait);
    }

    /** {@code host:port}, as messages name the agent. */
    public String address() {
        return hostPort(host, port);
    }

    private static String hostPort(String host, int port) {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** Whether requests go over TLS. */
    public boolean https() {
        return "https".equals(scheme);
    }

    /** Never shows the token. */
    @Override
    public String toString() {
        return "ConsulConfig[" + scheme + "://" + address() + (token == null ? "" : ", token=(hidden)")
                + (datacenter == null ? "" : ", datacenter=" + datacenter)
                + tls.map(options -> ", tls=" + options).orElse("")
                + (deregisterCriticalServiceAfter == null ? "" : ", deregisterCriticalServiceAfter=" + deregisterCriticalServiceAfter)
                + ", enableTagOverride=" + enableTagOverride + ", timeout=" + timeout + ", watchWait=" + watchWait + "]";
    }

    /**
     * Reads the raw value under the {@code consul} key, with the process environment.
     *
     * @throws ConfigException naming the key of a bad value
     */
    public static ConsulConfig from(Object raw) {
        return from(raw, System.getenv());
    }

    /**
     * Reads the raw value under the {@code consul} key: {@code "host:port"},
     * {@code "http(s)://host:port"}, an object, or null for the environment and defaults.
     *
     * @param env where {@code CONSUL_HTTP_ADDR} and {@code CONSUL_HTTP_TOKEN} are looked up
     * @throws ConfigException naming the key of a bad value; a token is never part of the message
     */
    public static ConsulConfig from(Object raw, Map<String, String> env) {
        String envToken = blankToNull(env.get("CONSUL_HTTP_TOKEN"));
        if (raw == null || raw instanceof String text && text.isBlank()) {
            return build(defaultEndpoint(env), envToken, null, null, null, false, DEFAULT_TIMEOUT, DEFAULT_WATCH_WAIT);
        }
        if (raw instanceof String text) {
            return build(Endpoint.parse(KEY, text), envToken, null, null, null, false, DEFAULT_TIMEOUT, DEFAULT_WATCH_WAIT);
        }
        if (!(raw instanceof Map<?, ?>)) {
            throw new ConfigException(KEY, "expected \"host:port\", \"http(s)://host:port\" or an object, got "
                    + ConfigMap.describe(raw));
        }
        ConfigMap config = ConfigMap.of(KEY, raw).allowOnly(KEYS);
        Endpoint endpoint = config.string("address")
                .map(address -> Endpoint.parse(config.path("address"), address))
                .orElseGet(() -> defaultEndpoint(env));
        Optional<TlsOptions> tls = tls(config);
        endpoint = withScheme(config, endpoint, tls.isPresent());
        String token = envToken != null ? envToken : config.secret("token").orElse(null);
        return build(endpoint, token, config.string("datacenter").orElse(null), tls,
                config.duration("deregisterCriticalServiceAfter", null), config.bool("enableTagOverride", false),
                config.duration("timeout", DEFAULT_TIMEOUT), config.duration("watchWait", DEFAULT_WATCH_WAIT));
    }

    private static ConsulConfig build(Endpoint endpoint, String token, String datacenter, Optional<TlsOptions> tls,
                                      Duration deregisterAfter, boolean enableTagOverride, Duration timeout,
                                      Duration watchWait) {
        try {
            return new ConsulConfig(endpoint.scheme(), endpoint.host(), endpoint.port(), token, datacenter, tls,
                    deregisterAfter, enableTagOverride, timeout, watchWait);
        } catch (ConfigException e) {
            // the record names the address key; an address written elsewhere (CONSUL_HTTP_ADDR) is named as written
            String addressKey = KEY + ".address";
            if (e.key().equals(addressKey) && !endpoint.key().equals(addressKey)) {
                throw new ConfigException(endpoint.key(), e.getMessage().substring(addressKey.length() + 2));
            }
            throw e;
        }
    }

    private static Endpoint defaultEndpoint(Map<String, String> env) {
        String fromEnv = blankToNull(env.get("CONSUL_HTTP_ADDR"));
        return fromEnv == null ? Endpoint.parse(KEY, DEFAULT_ADDRESS) : Endpoint.parse("CONSUL_HTTP_ADDR", fromEnv);
    }

    private static Optional<TlsOptions> tls(ConfigMap config) {
        try {
            return TlsOptions.from(config);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(config.path("tls"), e.getMessage());
        }
    }

    /** The scheme from the {@code scheme} key, else the address, else https with a tls block, else http; checked by the record. */
    private static Endpoint withScheme(ConfigMap config, Endpoint endpoint, boolean hasTls) {
        String scheme = config.string("scheme").map(value -> value.toLowerCase(Locale.ROOT)).orElse(null);
        if (scheme != null && endpoint.schemeGiven() && !endpoint.scheme().equals(scheme)) {
            throw new ConfigException(config.path("scheme"), "\"" + scheme + "\" contradicts the address, which says \""
                    + endpoint.scheme() + "\"");
        }
        if (scheme == null) {
            scheme = endpoint.schemeGiven() ? endpoint.scheme() : hasTls ? "https" : "http";
        }
        return endpoint.withScheme(scheme);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
