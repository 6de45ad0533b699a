package dev.pilot.bench.reliability;

import dev.pilot.testservers.ConsulServer;
import dev.pilot.testservers.EtcdServer;
import dev.pilot.testservers.TcpProxy;
import dev.pilot.testservers.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Consul or etcd as a separate server process on 127.0.0.1 (the conformance suite's launchers),
 * with a {@link TcpProxy} in front: every fault can be injected. Signals go to the server's own
 * process, found among this JVM's descendants by its port.
 */
final class ServerTarget implements FaultTarget {

    private final String backend;
    private final TestServer server;
    private final int port;
    private final TcpProxy proxy;
    private final Function<String, Object> config;

    private ServerTarget(String backend, TestServer server, int port, Function<String, Object> config) {
        this.backend = backend;
        this.server = server;
        this.port = port;
        this.config = config;
        try {
            this.proxy = new TcpProxy("127.0.0.1:" + port);
        } catch (IOException e) {
            server.close();
            throw new UncheckedIOException("cannot start the fault proxy", e);
        }
    }

    static ServerTarget consul() {
        ConsulServer server = ConsulServer.launch();
        return new ServerTarget("consul", server, server.httpPort(), address -> Map.of("address", address));
    }

    static ServerTarget etcd() {
        EtcdServer server = EtcdServer.launch();
        return new ServerTarget("etcd", server, server.uri().getPort(), address -> Map.of("endpoints", "http://" + address));
    }

    @Override
    public String backend() {
        return backend;
    }

    @Override
    public Object directConfig() {
        return config.apply("127.0.0.1:" + port);
    }

    @Override
    public Object faultableConfig() {
        return config.apply(proxy.address());
    }

    @Override
    public Optional<TcpProxy> proxy() {
        return Optional.of(proxy);
    }

    @Override
    public Optional<String> cannot(FaultScenario scenario) {
        return Optional.empty();
    }

    @Override
    public void wipe() {
        server.restart(true);
    }

    @Override
    public void kill() {
        ProcessHandle process = process();
        process.destroyForcibly();
        process.onExit().join();
        server.stop(); // forgets the dead process
    }

    @Override
    public void restart() {
        server.start();
    }

    @Override
    public void freeze() {
        signal("STOP");
    }

    @Override
    public void thaw() {
        signal("CONT");
    }

    private void signal(String name) {
        try {
            int code = new ProcessBuilder("kill", "-" + name, Long.toString(process().pid())).inheritIO().start().waitFor();
            if (code != 0) {
                throw new IllegalStateException("kill -" + name + " exited with " + code);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The server's process: a descendant of this JVM whose command line names its port. */
    private ProcessHandle process() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().map(line -> line.contains(backend)
                        && (line.contains(":" + port + " ") || line.contains(":" + port + ",") || line.endsWith(":" + port)
                        || line.contains(" " + port + " "))).orElse(false))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + backend + " process on port " + port));
    }

    @Override
    public void close() {
        proxy.close();
        server.close();
    }
}
