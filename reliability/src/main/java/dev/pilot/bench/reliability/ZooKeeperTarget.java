package dev.pilot.bench.reliability;

import dev.pilot.testservers.TcpProxy;
import dev.pilot.testservers.ZooKeeperServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/**
 * ZooKeeper as a separate server process on 127.0.0.1 (the conformance suite's launcher), with a
 * {@link TcpProxy} in front: every fault can be injected. Signals go to the server's own process.
 */
final class ZooKeeperTarget implements FaultTarget {

    private final ZooKeeperServer server = ZooKeeperServer.launch();
    private final TcpProxy proxy;

    ZooKeeperTarget() {
        try {
            proxy = new TcpProxy(server.address());
        } catch (IOException e) {
            server.close();
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String backend() {
        return "zookeeper";
    }

    @Override
    public Object directConfig() {
        return Map.of("address", server.address());
    }

    @Override
    public Object faultableConfig() {
        return Map.of("address", proxy.address(), "sessionTimeout", "10s");
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
        server.kill();
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
            int code = new ProcessBuilder("kill", "-" + name, Long.toString(server.pid())).inheritIO().start().waitFor();
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

    @Override
    public void close() {
        proxy.close();
        server.close();
    }
}
