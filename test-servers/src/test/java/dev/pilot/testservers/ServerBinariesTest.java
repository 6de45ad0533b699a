package dev.pilot.testservers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServerBinariesTest {

    @TempDir
    Path root;

    private final ByteArrayOutputStream warnings = new ByteArrayOutputStream();

    private ServerBinaries binaries(Map<String, String> environment, String serversDir) {
        return new ServerBinaries(environment, serversDir, new PrintStream(warnings, true, StandardCharsets.UTF_8));
    }

    @Test
    void environmentVariableWinsOverEverythingElse() throws IOException {
        Path explicit = executable(root.resolve("mine/consul"));
        executable(root.resolve("servers/bin/consul"));
        ServerBinaries binaries = binaries(Map.of("CONSUL_BIN", explicit.toString()), root.resolve("servers").toString());

        assertThat(binaries.require("consul", "CONSUL_BIN")).isEqualTo(explicit);
    }

    @Test
    void environmentVariableNamingNoExecutableFailsEvenOutsideCi() throws IOException {
        Path notExecutable = Files.writeString(root.resolve("consul"), "");
        ServerBinaries binaries = binaries(Map.of("CONSUL_BIN", notExecutable.toString()), null);

        assertThatThrownBy(() -> binaries.require("consul", "CONSUL_BIN"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CONSUL_BIN=" + notExecutable);
    }

    @Test
    void fetchedServersFolderComesBeforeThePath() throws IOException {
        Path fetched = executable(root.resolve("servers/bin/etcd"));
        executable(root.resolve("path/etcd"));
        ServerBinaries binaries = binaries(Map.of("PATH", root.resolve("path").toString()), root.resolve("servers").toString());

        assertThat(binaries.require("etcd", "ETCD_BIN")).isEqualTo(fetched);
    }

    @Test
    void pathIsTheLastResort() throws IOException {
        Path onPath = executable(root.resolve("path2/etcd"));
        String path = root.resolve("path1") + ":" + root.resolve("path2");
        ServerBinaries binaries = binaries(Map.of("PATH", path), root.resolve("empty").toString());

        assertThat(binaries.require("etcd", "ETCD_BIN")).isEqualTo(onPath);
    }

    @Test
    void missingBinarySkipsTheTestOutsideCi() {
        ServerBinaries binaries = binaries(Map.of("PATH", root.toString()), root.resolve("servers").toString());

        assertThatThrownBy(() -> binaries.require("consul", "CONSUL_BIN"))
                .isInstanceOf(MissingServerException.class)
                .hasMessageContaining("scripts/fetch-test-servers")
                .hasMessageContaining("CONSUL_BIN");
        assertThat(warnings.toString(StandardCharsets.UTF_8)).contains("skipping tests that need consul");
    }

    @Test
    void missingBinaryFailsUnderCi() {
        ServerBinaries binaries = binaries(Map.of("CI", "true", "PATH", root.toString()), null);

        assertThatThrownBy(() -> binaries.require("etcd", "ETCD_BIN"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("scripts/fetch-test-servers")
                .hasMessageContaining("ETCD_BIN");
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "TRUE", "1", "yes", "Yes"})
    void everyCommonSpellingOfCiTurnsAMissingBinaryIntoAFailure(String ci) {
        ServerBinaries binaries = binaries(Map.of("CI", ci, "PATH", root.toString()), null);

        assertThatThrownBy(() -> binaries.require("etcd", "ETCD_BIN"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CI=" + ci);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "false", "0", "no"})
    void otherValuesOfCiSkip(String ci) {
        ServerBinaries binaries = binaries(Map.of("CI", ci, "PATH", root.toString()), null);

        assertThatThrownBy(() -> binaries.require("etcd", "ETCD_BIN")).isInstanceOf(MissingServerException.class);
    }

    private static Path executable(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
