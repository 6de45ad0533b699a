package dev.pilot.discovery.spring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/** The Spring Cloud contract on the embedded {@code local} backend: a catalog directory both applications share. */
class LocalSpringCloudIT extends SpringCloudContract {

    private Path directory;

    @Override
    protected void startServer() {
        try {
            directory = Files.createTempDirectory("pilot-spring-local");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected void stopServer() {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected Map<String, String> backendProperties() {
        return Map.of("pilot.discovery.local", directory.toString());
    }
}
