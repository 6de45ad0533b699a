package dev.pilot.bench.reliability;

import dev.pilot.testservers.ConsulServer;
import dev.pilot.testservers.EtcdServer;
import dev.pilot.testservers.ProcessServer;
import dev.pilot.testservers.TcpProxy;
import dev.pilot.testservers.ZooKeeperServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Consul, etcd or ZooKeeper as a server process of its own on 127.0.0.1 (the test-servers
 * launchers), with a {@link TcpProxy} in front: every fault can be injected. The launcher itself
 * kills, freezes and thaws its process.
 */
final class ServerTarget implements FaultTarget {

    private final String backend;
    private final ProcessServer server;
    private final TcpProxy proxy;
    private final Function<String, Map<String, Object>> config;
    private final Map<String, Object> faultableExtras;

    /**
     * @param config          Pilot's configuration reaching {@code host:port}
     * @param faultableExtras what Pilot's configuration through the proxy adds to it
     */
    private ServerTarget(String backend, ProcessServer server, Function<String, Map<String, Object>> config,
                         Map<String, Object> faultableExtras) {
        this.backend = backend;
        this.server = server;
        this.config = config;
        this.faultableExtras = faultableExtras;
        try {
            this.proxy = new TcpProxy(server.address());
        } catch (IOException e) {
            server.close();
            throw new UncheckedIOException("cannot start the fault proxy", e);
        }
    }

    static ServerTarget consul() {
        return new ServerTarget("consul", ConsulServer.launch(), address -> Map.of("address", address), Map.of());
    }

    static ServerTarget etcd() {
        return new ServerTarget("etcd", EtcdServer.launch(), address -> Map.of("endpoints", "http://" + address), Map.of());
    }

    /** ZooKeeper; through the proxy Pilot's session timeout is 10 s. */
    static ServerTarget zookeeper() {
        return new ServerTarget("zookeeper", ZooKeeperServer.launch(), address -> Map.of("address", address),
                Map.of("sessionTimeout", "10s"));
    }

    @Override
    public String backend() {
        return backend;
    }

    @Override
    public Object directConfig() {
        return config.apply(server.address());
    }

    @Override
    public Object faultableConfig() {
        Map<String, Object> faultable = new HashMap<>(config.apply(proxy.address()));
        faultable.putAll(faultableExtras);
        return faultable;
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
        server.freeze();
    }

    @Override
    public void thaw() {
        server.thaw();
    }

    @Override
    public void close() {
        proxy.close();
        server.close();
    }
}
