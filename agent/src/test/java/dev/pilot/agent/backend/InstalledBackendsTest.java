package dev.pilot.agent.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pilot.discovery.Backends;
import dev.pilot.discovery.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstalledBackendsTest {

    @TempDir
    Path folder;

    @Test
    void eachFolderIsABackendNamedAfterIt() throws Exception {
        Files.createDirectory(folder.resolve("etcd"));
        Files.createDirectory(folder.resolve("consul"));
        Files.writeString(folder.resolve("README"), "not a backend");

        assertThat(InstalledBackends.inFolder(folder).names()).containsExactly("consul", "etcd");
    }

    @Test
    void aFolderWithoutTheBackendItIsNamedAfterIsAConfigurationErrorNamingTheFolder() throws Exception {
        Path consul = Files.createDirectory(folder.resolve("consul"));
        Backends backends = InstalledBackends.inFolder(folder);

        assertThatThrownBy(() -> backends.create("consul", "127.0.0.1:8500")).isInstanceOf(ConfigException.class)
                .hasMessageContaining(consul.toString()).hasMessageContaining("no consul backend there");
    }

    @Test
    void withoutTheFolderPropertyTheBackendsAreThoseOnTheClassPath() {
        String before = System.getProperty(InstalledBackends.FOLDER_PROPERTY);
        System.clearProperty(InstalledBackends.FOLDER_PROPERTY);
        try {
            assertThat(InstalledBackends.find().names()).contains("local", "consul", "etcd", "zookeeper");
        } finally {
            if (before != null) {
                System.setProperty(InstalledBackends.FOLDER_PROPERTY, before);
            }
        }
    }
}
