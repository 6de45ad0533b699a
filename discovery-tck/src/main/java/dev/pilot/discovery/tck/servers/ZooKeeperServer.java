package dev.pilot.discovery.tck.servers;

import java.nio.file.Path;
import java.util.Map;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;

/**
 * A real standalone ZooKeeper 3.9 server running inside the test JVM (Curator's
 * {@code TestingServer}), bound to 127.0.0.1 on a port picked free and kept across restarts,
 * with its data in a temporary folder and a 500 ms tick. Ready once the {@code srvr} four-letter
 * word shows its mode. {@code restart(false)} keeps the data; {@code restart(true)} comes back empty.
 *
 * <p>Needs {@code org.apache.curator:curator-test} on the test class path: it is an optional
 * dependency of this module, so a module that starts ZooKeeper declares it.
 * Thread-safe.
 */
public final class ZooKeeperServer implements TestServer {

    private final Path directory;
    private final Path dataDirectory;
    private final InstanceSpec spec;
    private final TestingServer server;
    private boolean running;
    private boolean closed;

    private ZooKeeperServer(Map<String, Object> extraProperties) {
        ZooKeeperInProcess.prepareJvm();
        this.directory = ServerFiles.createDirectory("zookeeper");
        this.dataDirectory = directory.resolve("data");
        this.spec = ZooKeeperInProcess.standaloneSpec(dataDirectory, extraProperties);
        try {
            this.server = new TestingServer(spec, false);
        } catch (Exception e) {
            throw new IllegalStateException("cannot set up ZooKeeper at 127.0.0.1:" + spec.getPort(), e);
        }
    }

    /** Starts a server and returns once it serves. */
    public static ZooKeeperServer launch() {
        return launch(Map.of());
    }

    /**
     * Starts a server with extra {@code zoo.cfg} properties (e.g. {@code authProvider.1},
     * {@code secureClientPort}) and returns once it serves.
     */
    public static ZooKeeperServer launch(Map<String, Object> extraProperties) {
        return TestServer.started(new ZooKeeperServer(extraProperties));
    }

    /** {@code 127.0.0.1:port}, a ZooKeeper connect string. */
    @Override
    public String address() {
        return "127.0.0.1:" + port();
    }

    /** The client port. */
    public int port() {
        return spec.getPort();
    }

    /** The server's own folder; its data lives in {@code data/}. */
    public Path directory() {
        return directory;
    }

    /** Starts the server if it is stopped, with the data it has; returns once it serves. */
    @Override
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("ZooKeeper at " + address() + " is closed");
        }
        if (running) {
            return;
        }
        try {
            server.restart(); // Curator starts a never-started or stopped server this way; start() works only once
        } catch (Exception e) {
            throw new IllegalStateException("cannot start ZooKeeper at " + address(), e);
        } finally {
            ZooKeeperInProcess.keepJvmAliveOnServerDeath();
        }
        running = true;
        ZooKeeperInProcess.awaitServing(port());
    }

    /** Stops the server, keeping its data; clients get connection refused. */
    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop ZooKeeper at " + address(), e);
        }
        running = false;
    }

    /** Deletes the data of the stopped server. */
    @Override
    public synchronized void wipeData() {
        if (running) {
            throw new IllegalStateException("ZooKeeper at " + address() + " still runs: stop it before wiping its data");
        }
        ServerFiles.deleteContents(dataDirectory);
    }

    /** Stops the server and deletes its folder. Calling it again does nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        try {
            stop();
            server.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot close ZooKeeper at " + address(), e);
        } finally {
            closed = true;
            ServerFiles.deleteRecursively(directory);
        }
    }

    @Override
    public String toString() {
        return "ZooKeeperServer[" + address() + "]";
    }
}
