package dev.pilot.bench.reliability;

import dev.pilot.testservers.TcpProxy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The {@code local} catalog: a directory. It can be wiped (every file deleted); it has no server
 * to kill or freeze and no network to cut.
 */
final class LocalTarget implements FaultTarget {

    private final Path directory;

    LocalTarget() {
        try {
            directory = Files.createTempDirectory("pilot-reliability-local");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String backend() {
        return "local";
    }

    @Override
    public Object directConfig() {
        return directory.toString();
    }

    @Override
    public Object faultableConfig() {
        return directory.toString();
    }

    @Override
    public Optional<TcpProxy> proxy() {
        return Optional.empty();
    }

    @Override
    public Optional<String> cannot(FaultScenario scenario) {
        return switch (scenario) {
            case WIPED -> Optional.empty();
            case SIGKILLED, FROZEN -> Optional.of("no server: the catalog is a directory");
            case PARTITION_SHORT, PARTITION_LONG -> Optional.of("no network: the catalog is a directory");
        };
    }

    @Override
    public void wipe() {
        deleteContents();
    }

    @Override
    public void kill() {
        throw new UnsupportedOperationException("no server");
    }

    @Override
    public void restart() {}

    @Override
    public void freeze() {
        throw new UnsupportedOperationException("no server");
    }

    @Override
    public void thaw() {}

    private void deleteContents() {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).filter(path -> !path.equals(directory)).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        deleteContents();
        directory.toFile().delete();
    }
}
