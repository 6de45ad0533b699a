package dev.pilot.discovery.local;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pilot.discovery.ConfigException;
import dev.pilot.discovery.ServiceBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the local catalog refuses before anything runs: names it cannot store, a directory it cannot use. */
class LocalStartChecksTest {

    @TempDir
    Path work;

    @Test
    void aNameThatCannotBeAFileNameIsAConfigurationError() {
        try (ServiceBackend backend = new LocalBackendProvider().create(work.toString())) {
            for (String name : new String[] {"../x", "a/b", "a\0b", ".hidden", "..", "x".repeat(240)}) {
                assertThatThrownBy(() -> backend.checkName("services[0].name", name))
                        .as(name).isInstanceOf(ConfigException.class)
                        .hasMessageStartingWith("services[0].name: expected a name");
            }
            assertThatThrownBy(() -> backend.checkName("backends[0].name", "a/b"))
                    .hasMessage("backends[0].name: expected a name usable as a file name (no '/', no NUL, not starting "
                            + "with '.'), got \"a/b\"");
            assertThatCode(() -> backend.checkName("services[0].name", "app-host.example_1")).doesNotThrowAnyException();
        }
    }

    @Test
    void aDirectoryThatIsAFileIsAConfigurationError() throws Exception {
        Path file = Files.writeString(work.resolve("catalog"), "not a directory");

        assertThatThrownBy(() -> new LocalBackendProvider().create(file.toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("local: expected a directory, got " + file + ", which is a file");
        assertThatThrownBy(() -> new LocalBackendProvider().create(file.resolve("sub").toString()))
                .hasMessage("local: expected a directory, got " + file + " (where it would be created), which is a file");
    }

    @Test
    void aDirectoryThatDoesNotExistYetIsFine() {
        assertThatCode(() -> new LocalBackendProvider().create(work.resolve("a/b").toString()).close())
                .doesNotThrowAnyException();
    }
}
