package dev.pilot.discovery.grpc;

import dev.pilot.discovery.BackendProperties;
import dev.pilot.discovery.ConfigException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Where a resolver given no backend reads the {@code pilot.discovery.*} keys
 * ({@link BackendProperties}) from: the system properties, over a properties file named by
 * {@code pilot.discovery.config} if it is set.
 */
final class ConfigurationProperties {

    /** A properties file holding the keys; system properties win over it. */
    static final String FILE = BackendProperties.PREFIX + "config";

    private ConfigurationProperties() {}

    /**
     * {@code system} over the file its {@code pilot.discovery.config} names.
     *
     * @throws ConfigException naming {@code pilot.discovery.config} when the file cannot be read
     */
    static Properties over(Properties system) {
        Properties merged = new Properties();
        String file = system.getProperty(FILE);
        if (file != null && !file.isBlank()) {
            try (Reader reader = Files.newBufferedReader(Path.of(file.strip()), StandardCharsets.UTF_8)) {
                merged.load(reader);
            } catch (IOException | RuntimeException e) {
                throw new ConfigException(FILE, "expected a readable properties file, got '" + file + "' (" + e.getMessage() + ")");
            }
        }
        merged.putAll(system);
        return merged;
    }
}
