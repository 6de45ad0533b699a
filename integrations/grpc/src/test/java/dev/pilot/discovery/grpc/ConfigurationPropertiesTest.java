package dev.pilot.discovery.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pilot.discovery.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigurationPropertiesTest {

    @TempDir
    Path directory;

    @Test
    void theSystemPropertiesWinOverTheFileTheyName() throws IOException {
        Path file = Files.writeString(directory.resolve("pilot.properties"),
                "pilot.discovery.consul.address=127.0.0.1:8500\npilot.discovery.consul.token=from-file\n");
        Properties system = new Properties();
        system.setProperty("pilot.discovery.config", " " + file + " ");
        system.setProperty("pilot.discovery.consul.token", "from-system");

        Properties merged = ConfigurationProperties.over(system);

        assertThat(merged.getProperty("pilot.discovery.consul.address")).isEqualTo("127.0.0.1:8500");
        assertThat(merged.getProperty("pilot.discovery.consul.token")).isEqualTo("from-system");
    }

    @Test
    void withoutAFileTheSystemPropertiesAreAll() {
        Properties system = new Properties();
        system.setProperty("pilot.discovery.local", "/x");

        assertThat(ConfigurationProperties.over(system)).isEqualTo(system);
    }

    @Test
    void anUnreadableFileIsOneLineNamingTheProperty() {
        Properties system = new Properties();
        system.setProperty("pilot.discovery.config", directory.resolve("missing.properties").toString());

        assertThatThrownBy(() -> ConfigurationProperties.over(system))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("pilot.discovery.config: expected a readable properties file, got '"
                        + directory.resolve("missing.properties") + "'");
    }
}
