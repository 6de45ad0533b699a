package dev.pilot.discovery.grpc;

import dev.pilot.discovery.Backends;
import dev.pilot.discovery.ServiceBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/** gRPC on the embedded {@code local} backend: a catalog directory every backend object shares. */
class LocalGrpcIT extends GrpcContract {

    private Path directory;

    @Override
    protected void startCatalog() {
        try {
            directory = Files.createTempDirectory("pilot-grpc-local");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected void stopCatalog() {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected ServiceBackend connect() {
        return Backends.fromClassPath().create("local", Map.of("directory", directory.toString()));
    }
}
