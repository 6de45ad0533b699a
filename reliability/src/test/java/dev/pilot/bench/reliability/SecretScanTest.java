package dev.pilot.bench.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretScanTest {

    @TempDir
    Path repository;

    private void write(String path, String text) throws Exception {
        Path file = repository.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void credentialsAreReadFromTheTestsAndFoundInLogs() throws Exception {
        write("m/src/test/java/A.java", """
                static final String TOKEN = "tok3n-abc";
                Map.of("endpoints", "x", "password", "hunter22");
                String json = "{\\"keyPassphrase\\": \\"Phr4se-x\\"}";
                private static final String STORE_PASSWORD = "node-name";
                args("-passin", PASSWORD, "-infile");
                """);
        write("m/src/main/java/B.java", "List.of(\"-node\", \"node-name\");");
        write("m/target/failsafe-reports/A-output.txt", "registered with hunter22 in the clear");
        write("m/target/server.log", "nothing secret here, node-name is a name");

        SecretScan.Result scan = SecretScan.scan(repository, List.of(repository));

        assertThat(scan.credentials()).containsExactlyInAnyOrder("tok3n-abc", "hunter22", "Phr4se-x");
        assertThat(scan.ambiguous()).containsExactly("node-name");
        assertThat(scan.logs()).isEqualTo(2);
        assertThat(scan.hits()).singleElement().satisfies(hit -> {
            assertThat(hit.credential()).isEqualTo("hunter22");
            assertThat(hit.log()).endsWith("A-output.txt");
        });
    }
}
