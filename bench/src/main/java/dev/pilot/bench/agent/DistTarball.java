package dev.pilot.bench.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The self-contained agent, {@code dist/target/pilot-VERSION-linux-x64.tar.xz} (built by
 * {@code scripts/dist}), or the tarball named by the system property {@code pilot.dist.tarball}.
 */
public final class DistTarball {

    public static final String PROPERTY = "pilot.dist.tarball";
    /** The note of a row that needs the tarball when it is not there. */
    public static final String NOT_AVAILABLE = "not measured: no dist/target/pilot-*-linux-x64.tar.xz (scripts/dist builds it)";

    private DistTarball() {}

    /** The tarball, when it exists. */
    public static Optional<Path> find() {
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            Path tarball = Path.of(property);
            return Files.isRegularFile(tarball) ? Optional.of(tarball.toAbsolutePath()) : Optional.empty();
        }
        for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
            Path target = directory.resolve("dist/target");
            if (Files.isDirectory(target)) {
                try (var files = Files.list(target)) {
                    Optional<Path> tarball = files.filter(file -> file.getFileName().toString().matches("pilot-.*-linux-x64\\.tar\\.xz"))
                            .findFirst();
                    if (tarball.isPresent()) {
                        return tarball;
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            if (Files.isDirectory(directory.resolve("bench")) && Files.isRegularFile(directory.resolve("pom.xml"))) {
                return Optional.empty(); // the repository root, without a tarball
            }
        }
        return Optional.empty();
    }

    /** Unpacks {@code tarball} into {@code directory} with tar (which keeps the modification times the AOT cache checks); returns {@code bin/pilot}. */
    public static Path unpack(Path tarball, Path directory) {
        try {
            Process tar = new ProcessBuilder("tar", "-xf", tarball.toString(), "-C", directory.toString())
                    .redirectErrorStream(true).start();
            String output = new String(tar.getInputStream().readAllBytes());
            if (tar.waitFor() != 0) {
                throw new IllegalStateException("tar -xf " + tarball + " failed: " + output.strip());
            }
            try (var entries = Files.list(directory)) {
                List<Path> top = entries.toList();
                if (top.size() != 1 || !Files.isExecutable(top.getFirst().resolve("bin/pilot"))) {
                    throw new IllegalStateException(tarball + ": expected one folder holding bin/pilot, got " + top);
                }
                return top.getFirst().resolve("bin/pilot");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while unpacking " + tarball, e);
        }
    }
}
