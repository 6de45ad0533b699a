package dev.pilot.discovery.zookeeper;

import dev.pilot.discovery.ConfigException;
import dev.pilot.discovery.spi.ConfigMap;
import dev.pilot.discovery.spi.Durations;
import dev.pilot.discovery.TlsOptions;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.zookeeper.common.PathUtils;

/**
 * The configuration of the {@code zookeeper} backend: what the configuration file holds under the
 * {@code "zookeeper"} key, either a connect string ({@code "zk1:2181,zk2:2181"}) or a block:
 *
 * <pre>{@code
 * "zookeeper": {
 *   "address": "zk1:2181,zk2:2181,zk3:2181",
 *   "prefix": "/containerpilot",
 *   "sessionTimeout": "10s",
 *   "connectionTimeout": "5s",
 *   "auth": {"scheme": "digest", "user": "pilot", "password": "{{ .ZK_PASSWORD }}"},
 *   "tls": {"caFile": "/etc/pilot/zk-ca.pem", "certFile": "/etc/pilot/zk.pem", "keyFile": "/etc/pilot/zk-key.pem"}
 * }
 * }</pre>
 *
 * @param address           the ensemble: comma-separated {@code host:port} pairs
 * @param prefix            the parent node of every service, {@code /containerpilot} by default
 * @param sessionTimeout    the ZooKeeper session timeout: how long the ensemble keeps this
 *                          client's session (and its instances) after it stops hearing from it;
 *                          the server clamps it to 2–20 of its ticks
 * @param connectionTimeout the longest any operation waits for the ensemble before failing with
 *                          a {@link dev.pilot.discovery.DiscoveryException}; 5 s by default
 * @param auth              credentials, when the ensemble uses ACLs
 * @param tls               TLS settings, when the ensemble's client port speaks TLS; the
 *                          {@link TlsOptions} block every backend accepts, except
 *                          {@code insecureSkipVerify}, which ZooKeeper's client cannot honour
 */
public record ZooKeeperConfig(String address, String prefix, Duration sessionTimeout, Duration connectionTimeout,
                              Optional<Credentials> auth, Optional<TlsOptions> tls) {

    public static final String DEFAULT_PREFIX = "/containerpilot";
    public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(5);

    private static final String KEY = ZooKeeperBackendProvider.NAME;
    private static final Pattern HOST_PORT = Pattern.compile("(?<host>\\[[0-9A-Fa-f:.]+]|[^\\s:/,\\[\\]]+):(?<port>\\d{1,5})");

    public ZooKeeperConfig {
        address = validAddress(KEY + ".address", address);
        prefix = validPrefix(KEY + ".prefix", prefix == null ? DEFAULT_PREFIX : prefix);
        sessionTimeout = positiveMillis(KEY + ".sessionTimeout", sessionTimeout == null ? DEFAULT_SESSION_TIMEOUT : sessionTimeout);
        connectionTimeout = positiveMillis(KEY + ".connectionTimeout",
                connectionTimeout == null ? DEFAULT_CONNECTION_TIMEOUT : connectionTimeout);
        auth = Objects.requireNonNullElse(auth, Optional.empty());
        tls = Objects.requireNonNullElse(tls, Optional.empty());
        if (tls.filter(TlsOptions::insecureSkipVerify).isPresent()) {
            throw insecureSkipVerifyUnsupported();
        }
    }

    /** A configuration with the defaults for everything but the address. */
    public static ZooKeeperConfig of(String address) {
        return new ZooKeeperConfig(address, null, null, null, Optional.empty(), Optional.empty());
    }

    /** This configuration with another prefix. */
    public ZooKeeperConfig withPrefix(String newPrefix) {
        return new ZooKeeperConfig(address, newPrefix, sessionTimeout, connectionTimeout, auth, tls);
    }

    /** This configuration with other timeouts. */
    public ZooKeeperConfig withTimeouts(Duration newSessionTimeout, Duration newConnectionTimeout) {
        return new ZooKeeperConfig(address, prefix, newSessionTimeout, newConnectionTimeout, auth, tls);
    }

    /** This configuration with credentials. */
    public ZooKeeperConfig withAuth(Credentials credentials) {
        return new ZooKeeperConfig(address, prefix, sessionTimeout, connectionTimeout, Optional.of(credentials), tls);
    }

    /** This configuration with TLS. */
    public ZooKeeperConfig withTls(TlsOptions settings) {
        return new ZooKeeperConfig(address, prefix, sessionTimeout, connectionTimeout, auth, Optional.of(settings));
    }

    /**
     * Parses what the configuration holds under {@code "zookeeper"}.
     *
     * @param raw a connect string, or a block as parsed from JSON
     * @throws ConfigException naming the key path, the value (never a secret) and what was expected
     */
    public static ZooKeeperConfig from(Object raw) {
        if (raw instanceof String connectString) {
            return of(connectString);
        }
        if (raw == null) {
            throw new ConfigException(KEY, "expected a connect string such as \"zk1:2181,zk2:2181\" or an object, got nothing");
        }
        if (!(raw instanceof java.util.Map<?, ?>)) {
            throw new ConfigException(KEY, "expected a connect string such as \"zk1:2181,zk2:2181\" or an object, got "
                    + ConfigMap.describe(raw));
        }
        ConfigMap block = ConfigMap.of(KEY, raw)
                .allowOnly("address", "prefix", "sessionTimeout", "connectionTimeout", "auth", "tls");
        return new ZooKeeperConfig(
                block.string("address").orElse(null),
                block.string("prefix", DEFAULT_PREFIX),
                block.duration("sessionTimeout", DEFAULT_SESSION_TIMEOUT),
                block.duration("connectionTimeout", DEFAULT_CONNECTION_TIMEOUT),
                block.map("auth").map(Credentials::parse),
                TlsOptions.from(block));
    }

    /** How the client proves who it is. */
    public enum Scheme {
        /** ZooKeeper's {@code digest} scheme: {@code user:password}, checked against node ACLs. */
        DIGEST,
        /** SASL DIGEST-MD5 against the server's JAAS user list; fails the session on wrong credentials. */
        SASL;

        static Scheme parse(String key, String text) {
            for (Scheme scheme : values()) {
                if (scheme.name().equalsIgnoreCase(text)) {
                    return scheme;
                }
            }
            throw new ConfigException(key, "expected \"digest\" or \"sasl\", got \"" + text + "\"");
        }

        /** The name in the configuration and in ZooKeeper ACL ids. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Credentials for the ensemble. The password never appears in {@link #toString()}.
     *
     * @param scheme   {@code digest} (the default) or {@code sasl}
     * @param user     the user name; must not contain {@code ':'}
     * @param password the password
     */
    public record Credentials(Scheme scheme, String user, String password) {

        public Credentials {
            scheme = scheme == null ? Scheme.DIGEST : scheme;
            if (user == null || user.isBlank()) {
                throw new ConfigException(KEY + ".auth.user", "expected a non-blank user name, got "
                        + (user == null ? "nothing" : "\"" + user + "\""));
            }
            if (user.contains(":")) {
                throw new ConfigException(KEY + ".auth.user", "expected a user name without ':', got \"" + user + "\"");
            }
            if (password == null || password.isEmpty()) {
                throw new ConfigException(KEY + ".auth.password", "expected a non-empty password (value hidden)");
            }
        }

        static Credentials parse(ConfigMap block) {
            block.allowOnly("scheme", "user", "password");
            Scheme scheme = block.string("scheme").map(text -> Scheme.parse(block.path("scheme"), text)).orElse(Scheme.DIGEST);
            return new Credentials(scheme, block.string("user").orElse(null), block.secret("password").orElse(null));
        }

        @Override
        public String toString() {
            return "Credentials[scheme=" + scheme.id() + ", user=" + user + ", password=(hidden)]";
        }
    }

    private static ConfigException insecureSkipVerifyUnsupported() {
        return new ConfigException(KEY + ".tls.insecureSkipVerify",
                "not supported: ZooKeeper's client always verifies the server; give caFile instead");
    }

    private static String validAddress(String key, String address) {
        if (address == null || address.isBlank()) {
            throw new ConfigException(key, "expected host:port[,host:port...], got "
                    + (address == null ? "nothing" : "\"" + address + "\""));
        }
        String trimmed = address.trim();
        if (trimmed.contains("/")) {
            throw new ConfigException(key, "expected host:port[,host:port...] without a chroot (use zookeeper.prefix), got \""
                    + address + "\"");
        }
        for (String part : trimmed.split(",", -1)) {
            var match = HOST_PORT.matcher(part.trim());
            if (!match.matches()) {
                throw new ConfigException(key, "expected host:port[,host:port...], got \"" + address + "\" (bad entry \""
                        + part.trim() + "\")");
            }
            int port = Integer.parseInt(match.group("port"));
            if (port < 1 || port > 65535) {
                throw new ConfigException(key, "expected ports from 1 to 65535, got " + port + " in \"" + address + "\"");
            }
        }
        return trimmed.replaceAll("\\s*,\\s*", ",");
    }

    private static String validPrefix(String key, String prefix) {
        String trimmed = prefix.trim();
        if (!trimmed.startsWith("/") || (trimmed.length() > 1 && trimmed.endsWith("/")) || trimmed.equals("/")) {
            throw new ConfigException(key, "expected an absolute node path such as \"/containerpilot\", got \"" + prefix + "\"");
        }
        try {
            PathUtils.validatePath(trimmed);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, "expected a valid node path, got \"" + prefix + "\" (" + e.getMessage() + ")");
        }
        return trimmed;
    }

    private static Duration positiveMillis(String key, Duration value) {
        Durations.requirePositive(key, value);
        if (value.toMillis() < 1) {
            throw new ConfigException(key, "expected a positive duration of at least 1ms, got " + value);
        }
        if (value.toMillis() > Integer.MAX_VALUE) {
            throw new ConfigException(key, "expected at most " + Integer.MAX_VALUE + "ms, got " + value);
        }
        return value;
    }
}
