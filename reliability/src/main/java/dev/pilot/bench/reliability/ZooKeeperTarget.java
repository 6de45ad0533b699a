package dev.pilot.bench.reliability;

import dev.pilot.discovery.tck.servers.ZooKeeperServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/**
 * ZooKeeper, run inside this JVM by the conformance suite's launcher (Curator's testing server):
 * it can be wiped, stopped and started, and cut off through a {@link FaultProxy}, but there is no
 * process of its own to SIGKILL or SIGSTOP; the closest is used and named.
 */
final class ZooKeeperTarget implements FaultTarget {

    private final ZooKeeperServer server = ZooKeeperServer.launch();
    private final FaultProxy proxy;

    ZooKeeperTarget() {
        try {
            proxy = new FaultProxy(server.port());
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
    public Optional<FaultProxy> proxy() {
        return Optional.of(proxy);
    }

    @Override
    public Optional<String> cannot(FaultScenario scenario) {
        return scenario == FaultScenario.FROZEN
                ? Optional.of("the server runs inside the suite's JVM (Curator's TestingServer): no process to SIGSTOP; "
                        + "a frozen server looks to the client like the long partition, measured below")
                : Optional.empty();
    }

    @Override
    public void wipe() {
        server.restart(true);
    }

    /** The in-process server cannot be SIGKILLed: it is stopped (its sockets closed at once), data kept. */
    @Override
    public void kill() {
        server.stop();
    }

    @Override
    public void restart() {
        server.start();
    }

    @Override
    public void freeze() {
        throw new UnsupportedOperationException(cannot(FaultScenario.FROZEN).orElseThrow());
    }

    @Override
    public void thaw() {
        throw new UnsupportedOperationException(cannot(FaultScenario.FROZEN).orElseThrow());
    }

    @Override
    public void close() {
        proxy.close();
        server.close();
    }
}
