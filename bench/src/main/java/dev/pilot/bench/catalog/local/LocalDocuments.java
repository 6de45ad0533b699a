package dev.pilot.bench.catalog.local;

import dev.pilot.bench.catalog.RawDocuments;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Raw instance files {@code {directory}/{service}/{id}.json} ({@link InstanceFiles#file}). */
public final class LocalDocuments implements RawDocuments {

    private final Path directory;

    public LocalDocuments(Path directory) {
        this.directory = directory;
    }

    @Override
    public boolean write(String service, String id, byte[] body) {
        Path file = InstanceFiles.file(directory, service, id);
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, body);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public byte[] read(String service, String id) {
        try {
            return Files.readAllBytes(InstanceFiles.file(directory, service, id));
        } catch (IOException e) {
            return new byte[0];
        }
    }

    @Override
    public void clear(String service) {
        try (Stream<Path> files = Files.walk(directory.resolve(service))) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // nothing there
        }
    }

    @Override
    public void close() {}
}
