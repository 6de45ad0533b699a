package dev.pilot.testservers;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How to start a {@link ZooKeeperServer} beyond the plain standalone server: extra {@code zoo.cfg}
 * lines, extra system properties of the server's JVM, and its heap. Start from {@link #defaults()}
 * and change it with the {@code with…} methods.
 *
 * <p>Example, a server that requires SASL DIGEST-MD5 (ZooKeeper 3.9's FIPS mode, on by default,
 * refuses it; the JAAS file names the users in its {@code Server} section):
 * <pre>{@code
 * ZooKeeperServer.launch(ZooKeeperOptions.defaults()
 *     .withConfig("authProvider.1", "org.apache.zookeeper.server.auth.SASLAuthenticationProvider")
 *     .withConfig("enforce.auth.enabled", "true")
 *     .withSystemProperty("zookeeper.fips-mode", "false")
 *     .withSystemProperty("java.security.auth.login.config", jaasFile.toString()));
 * }</pre>
 *
 * @param config           {@code zoo.cfg} lines added to (or replacing) the launcher's own; file
 *                         paths in them must be absolute
 * @param systemProperties {@code -D} options of the server's JVM
 * @param maxHeap          the server's {@code -Xmx}, e.g. {@code "64m"}
 */
public record ZooKeeperOptions(Map<String, String> config, Map<String, String> systemProperties, String maxHeap) {

    /** Enough for the tests' trees and connections; a benchmark with thousands of watches asks for more. */
    static final String DEFAULT_MAX_HEAP = "64m";

    /** Copies the maps and checks the heap size. */
    public ZooKeeperOptions {
        config = Map.copyOf(config);
        systemProperties = Map.copyOf(systemProperties);
        Objects.requireNonNull(maxHeap, "maxHeap");
        if (!maxHeap.matches("[1-9][0-9]*[kmgKMG]")) {
            throw new IllegalArgumentException("maxHeap: expected a size such as \"64m\", got \"" + maxHeap + "\"");
        }
    }

    /** A standalone server as the launcher configures it, on a {@value #DEFAULT_MAX_HEAP} heap. */
    public static ZooKeeperOptions defaults() {
        return new ZooKeeperOptions(Map.of(), Map.of(), DEFAULT_MAX_HEAP);
    }

    /** These options with the {@code zoo.cfg} line {@code key=value}. */
    public ZooKeeperOptions withConfig(String key, String value) {
        return new ZooKeeperOptions(with(config, key, value), systemProperties, maxHeap);
    }

    /** These options with {@code -Dkey=value} on the server's JVM. */
    public ZooKeeperOptions withSystemProperty(String key, String value) {
        return new ZooKeeperOptions(config, with(systemProperties, key, value), maxHeap);
    }

    /** These options with {@code -Xmx<size>} on the server's JVM. */
    public ZooKeeperOptions withMaxHeap(String size) {
        return new ZooKeeperOptions(config, systemProperties, size);
    }

    private static Map<String, String> with(Map<String, String> map, String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(map);
        copy.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return copy;
    }
}
