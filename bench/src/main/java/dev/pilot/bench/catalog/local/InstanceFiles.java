package dev.pilot.bench.catalog.local;

import dev.pilot.bench.catalog.ChangeWriter;
import dev.pilot.bench.catalog.HeartbeatClient;
import dev.pilot.bench.catalog.InstanceDocuments;
import dev.pilot.discovery.ServiceDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;

/**
 * Instance files written directly, without Pilot: the document the local backend reads
 * ({@code id, name, address, port, tags, expiresAt}), written whole to a hidden temporary file and
 * renamed into place, as any process sharing the directory does; a heartbeat sets the file's
 * modification time to its new expiry, which readers take when it is later than
 * {@code expiresAt}.
 */
final class InstanceFiles implements ChangeWriter, HeartbeatClient {

    private static final long EXPIRES_AFTER_MILLIS = 3_600_000;

    private final Path root;

    InstanceFiles(Path root) {
        this.root = root;
    }

    Path serviceDirectory(String service) {
        return root.resolve(service);
    }

    @Override
    public void add(String service, String id, int port) {
        write(service, id, port, List.of(), EXPIRES_AFTER_MILLIS);
    }

    @Override
    public void remove(String service, String id) {
        try {
            Files.deleteIfExists(file(service, id));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file(service, id), e);
        }
    }

    @Override
    public void register(ServiceDefinition service) {
        write(service.name(), service.id(), service.port(), service.tags(), service.ttl().toMillis());
    }

    @Override
    public void heartbeat(ServiceDefinition service) {
        Path target = file(service.name(), service.id());
        try {
            long now = System.currentTimeMillis();
            Files.getFileAttributeView(target, BasicFileAttributeView.class)
                    .setTimes(FileTime.fromMillis(now + service.ttl().toMillis()), FileTime.fromMillis(now), null);
        } catch (NoSuchFileException e) {
            register(service);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the expiry of " + target, e);
        }
    }

    @Override
    public void deregister(ServiceDefinition service) {
        remove(service.name(), service.id());
    }

    @Override
    public void close() {}

    private void write(String service, String id, int port, List<String> tags, long ttlMillis) {
        Map<String, Object> document = InstanceDocuments.fields(service, id, port, tags);
        document.put("expiresAt", System.currentTimeMillis() + ttlMillis);
        Path target = file(service, id);
        Path temporary = target.resolveSibling("." + id + ".tmp-" + Thread.currentThread().threadId());
        try {
            Files.createDirectories(target.getParent());
            Files.write(temporary, InstanceDocuments.json(document));
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    private Path file(String service, String id) {
        return file(root, service, id);
    }

    /** Where the local catalog under {@code root} keeps instance {@code id} of {@code service}. */
    static Path file(Path root, String service, String id) {
        return root.resolve(service).resolve(id + ".json");
    }
}
