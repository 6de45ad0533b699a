package dev.pilot.discovery.zookeeper;

import dev.pilot.discovery.ConfigException;
import dev.pilot.discovery.TlsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The {@code tls} block as ZooKeeper's client reads it: file locations, re-read on every
 * connection. ZooKeeper takes a PEM key store as one file holding the key and its certificate
 * chain, so when {@code certFile} and {@code keyFile} are two files they are joined into a file
 * only this user can read, in a private temporary folder deleted on {@link #close()}.
 *
 * @param trustStore the PEM certificates to trust, or empty for the JDK's trust store
 * @param keyStore   the PEM key and chain of this client, when it has a certificate
 * @param folder     the private folder of a joined key store, when one was written
 */
record TlsFiles(Optional<Path> trustStore, Optional<Path> keyStore, Optional<Path> folder) implements AutoCloseable {

    /**
     * @throws ConfigException when the files do not hold what their keys promise
     */
    static TlsFiles prepare(TlsOptions tls) {
        tls.sslContext(); // fails early, naming the key, on a file that does not hold what it should
        Optional<Path> trustStore = Optional.ofNullable(tls.caFile());
        if (tls.certFile() == null) {
            return new TlsFiles(trustStore, Optional.empty(), Optional.empty());
        }
        if (tls.certFile().equals(tls.keyFile())) {
            return new TlsFiles(trustStore, Optional.of(tls.certFile()), Optional.empty());
        }
        try {
            Path folder = Files.createTempDirectory("pilot-zookeeper-tls-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path joined = Files.createFile(folder.resolve("client.pem"),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(joined, Files.readString(tls.keyFile()) + "\n" + Files.readString(tls.certFile()));
            return new TlsFiles(trustStore, Optional.of(joined), Optional.of(folder));
        } catch (IOException e) {
            throw new ConfigException(ZooKeeperBackendProvider.NAME + ".tls", "could not prepare the client key store: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        folder.ifPresent(dir -> {
            try {
                Files.deleteIfExists(dir.resolve("client.pem"));
                Files.deleteIfExists(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("could not delete " + dir, e);
            }
        });
    }
}
