package dev.pilot.discovery.zookeeper;

import dev.pilot.discovery.spi.Threads;
import dev.pilot.discovery.Capability;
import dev.pilot.discovery.ConfigException;
import dev.pilot.discovery.Instance;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.discovery.Upstream;
import dev.pilot.discovery.spi.CatalogBackend;
import dev.pilot.discovery.zookeeper.ZooKeeperConfig.Scheme;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code zookeeper} backend: ContainerPilot's etcd layout and document on a ZooKeeper
 * ensemble, through Apache Curator. See the module README for the TTL and watch mechanisms.
 *
 * <p>Thread-safe, as {@link ServiceBackend} requires.
 */
final class ZooKeeperBackend extends CatalogBackend {

    /** Push watches; metadata in the instance document. TTL and tag filters are kept by Pilot. */
    static final Set<Capability> CAPABILITIES = Set.of(Capability.PUSH_WATCH, Capability.METADATA);

    private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperBackend.class);
    /** How long close() waits for in-flight calls, and then for ZooKeeper to confirm the end of the session. */
    private static final Duration CLOSE_WAIT = Duration.ofMillis(250);

    private final ZooKeeperConfig config;
    private final Optional<String> saslLogin;
    private final Optional<TlsFiles> tlsFiles;
    private final CuratorFramework client;
    private final ScheduledExecutorService timer;
    private final ExecutorService workers;
    private final ZooKeeperRegistrations registrar;
    private final ServiceReader reader;
    private final ServicePaths paths;
    private final BoundedCalls calls;
    /** Ends the session when the JVM exits without {@link #close()}: see {@link #endSessionOnExit}. */
    private final Thread exitHook;

    ZooKeeperBackend(ZooKeeperConfig config) {
        super(ZooKeeperBackendProvider.NAME, "the zookeeper backend at " + config.address(), CAPABILITIES);
        this.config = config;
        this.saslLogin = config.auth().filter(auth -> auth.scheme() == Scheme.SASL).map(SaslLogins::register);
        this.tlsFiles = config.tls().map(TlsFiles::prepare);
        ClientHandles handles = CuratorClients.handles(config, saslLogin, tlsFiles);
        this.client = CuratorClients.start(config, handles);
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1,
                task -> Threads.daemon("pilot-zookeeper-ttl", task));
        scheduler.setRemoveOnCancelPolicy(true);
        this.timer = scheduler;
        this.workers = Threads.perTaskExecutor("pilot-zookeeper-worker-");
        this.paths = new ServicePaths(config.prefix());
        AclExplainer acls = new AclExplainer(client, config.auth());
        Failures failures = new Failures(config.address(), config.connectionTimeout(), config.tls().isPresent(), acls::explain);
        this.calls = new BoundedCalls(workers, config.connectionTimeout(), failures);
        this.registrar = new ZooKeeperRegistrations(client, paths, CuratorClients.aclFor(config), failures, timer, workers);
        this.reader = new ServiceReader(client, paths, failures);
        WipedEnsembleDetector wipedEnsembles = new WipedEnsembleDetector(handles, config, workers);
        client.getConnectionStateListenable().addListener((ignored, state) -> {
            wipedEnsembles.onConnectionState(state);
            onConnectionState(state);
        });
        this.exitHook = endSessionOnExit(client);
        shareWatches(watched -> new ZooKeeperSharedWatch(client, paths, reader, watched, timer, config.address()));
    }

    /**
     * A process that exits (SIGTERM, {@code System.exit}) ends its session, so the ensemble
     * removes its ephemeral instance nodes at once instead of after the session timeout: the
     * same as {@link #close()}. Only a process that cannot run its exit hooks (SIGKILL, a crash)
     * leaves them to the session timeout.
     */
    private static Thread endSessionOnExit(CuratorFramework client) {
        Thread hook = new Thread(client::close, "pilot-zookeeper-exit");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    /** A name is one node name under the prefix ({@link ServicePaths#problem}). */
    @Override
    public void checkName(String key, String name) {
        String problem = ServicePaths.problem(name);
        if (problem != null) {
            throw new ConfigException(key, problem);
        }
    }

    @Override
    protected void register(ServiceDefinition service) {
        calls.run("register " + paths.instance(service.name(), service.id()), () -> registrar.heartbeat(service));
    }

    @Override
    protected void maintenance(ServiceDefinition service) {
        calls.run("take out for maintenance " + paths.instance(service.name(), service.id()),
                () -> registrar.maintenance(service));
    }

    @Override
    protected void remove(ServiceDefinition service) {
        calls.run("deregister " + paths.instance(service.name(), service.id()), () -> registrar.deregister(service));
    }

    @Override
    protected List<Instance> read(Upstream upstream) {
        return calls.call("read " + paths.service(upstream.name()), () -> reader.read(upstream));
    }

    /** The Curator client, for tests that act on the session. */
    CuratorFramework client() {
        return client;
    }

    /**
     * Stops watches and timers and ends the ZooKeeper session. Ending the session removes this
     * backend's ephemeral instance nodes at once: for ZooKeeper, closing is the process ending.
     */
    @Override
    protected void closeCatalog() {
        try {
            Runtime.getRuntime().removeShutdownHook(exitHook);
        } catch (IllegalStateException exiting) {
            // the JVM is exiting: the hook closes the client
        }
        registrar.close();
        timer.shutdownNow();
        workers.shutdownNow();
        // Bounded, so close() is prompt also when the ensemble accepts and never answers: an
        // interrupted call then ends by itself within its timeout, and ZooKeeper's own close
        // (which waits for the server to confirm the end of the session) finishes in the background.
        try {
            workers.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            Threads.start("pilot-zookeeper-close", client::close).join(CLOSE_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        saslLogin.ifPresent(SaslLogins::unregister);
        tlsFiles.ifPresent(TlsFiles::close);
    }

    private void onConnectionState(ConnectionState state) {
        switch (state) {
            case SUSPENDED -> LOG.info("zookeeper at {}: connection lost; keeping the last known upstreams", config.address());
            case LOST -> LOG.warn("zookeeper at {}: session lost; instances are registered again on reconnect",
                    config.address());
            case RECONNECTED -> {
                LOG.info("zookeeper at {}: reconnected", config.address());
                try {
                    workers.execute(registrar::restore);
                } catch (java.util.concurrent.RejectedExecutionException closing) {
                    // the backend is closing
                }
            }
            default -> LOG.debug("zookeeper at {}: {}", config.address(), state);
        }
    }
}
