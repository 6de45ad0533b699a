package dev.pilot.discovery.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pilot.discovery.ConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalConfigTest {

    @Test
    void aStringIsTheDirectory() {
        assertThat(LocalConfig.from("/var/run/pilot").directory()).isEqualTo(Path.of("/var/run/pilot"));
    }

    @Test
    void anObjectNamesTheDirectoryAndTheRescanInterval() {
        LocalConfig config = LocalConfig.from(Map.of("directory", "/srv/catalog", "rescanInterval", "500ms"));

        assertThat(config).isEqualTo(new LocalConfig(Path.of("/srv/catalog"), Duration.ofMillis(500)));
    }

    @Test
    void nothingMeansTheDefaultDirectory() {
        assertThat(LocalConfig.from(null).directory()).isEqualTo(LocalConfig.DEFAULT_DIRECTORY);
        assertThat(LocalConfig.from(Map.of()).directory()).isEqualTo(LocalConfig.DEFAULT_DIRECTORY);
    }

    @Test
    void badValuesNameTheirKey() {
        assertThatThrownBy(() -> LocalConfig.from(List.of("/a")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("local: expected a directory path or an object with \"directory\", got an array");
        assertThatThrownBy(() -> LocalConfig.from(Map.of("dir", "/a")))
                .hasMessage("local.dir: unknown key; expected one of [directory, rescanInterval]");
        assertThatThrownBy(() -> LocalConfig.from(Map.of("rescanInterval", "soon")))
                .hasMessage("local.rescanInterval: expected a duration such as \"10s\" or \"1500ms\", got \"soon\"");
    }
}
