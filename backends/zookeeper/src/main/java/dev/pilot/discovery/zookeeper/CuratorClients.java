package dev.pilot.discovery.zookeeper;

import dev.pilot.discovery.spi.Threads;
import dev.pilot.discovery.zookeeper.ZooKeeperConfig.Scheme;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryUntilElapsed;
import org.apache.zookeeper.ClientCnxnSocketNetty;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.client.ZKClientConfig;
import org.apache.zookeeper.common.ClientX509Util;
import org.apache.zookeeper.common.X509Util;
import org.apache.zookeeper.data.ACL;

/**
 * Builds the Curator client a {@link ZooKeeperConfig} describes, and the ACL its nodes get.
 * Everything a client needs is set on the client's own {@link ZKClientConfig}, never in system
 * properties, so several backends with different settings share a JVM.
 */
final class CuratorClients {

    /** How long a failed request is retried; short, because the connection wait comes first. */
    private static final int RETRY_SLEEP_MS = 100;

    private CuratorClients() {}

    /**
     * The handles a client for {@code config} makes: its ZooKeeper settings and credentials.
     *
     * @param saslLogin the {@link SaslLogins} name of the credentials, when they use SASL
     * @param tls       the TLS files, when the ensemble speaks TLS
     */
    static ClientHandles handles(ZooKeeperConfig config, Optional<String> saslLogin, Optional<TlsFiles> tls) {
        int timeoutMs = (int) config.connectionTimeout().toMillis();
        return new ClientHandles(clientConfig(config, timeoutMs, saslLogin, tls),
                config.auth().filter(auth -> auth.scheme() == Scheme.DIGEST).map(AclExplainer::digestAuth));
    }

    /** A started client making its ZooKeeper handles with {@code handles}; it connects in the background. */
    static CuratorFramework start(ZooKeeperConfig config, ClientHandles handles) {
        int timeoutMs = (int) config.connectionTimeout().toMillis();
        CuratorFrameworkFactory.Builder builder = CuratorFrameworkFactory.builder()
                .connectString(config.address())
                .sessionTimeoutMs((int) config.sessionTimeout().toMillis())
                .connectionTimeoutMs(timeoutMs)
                .retryPolicy(new RetryUntilElapsed(timeoutMs, RETRY_SLEEP_MS))
                // Keep to the configured servers: following the ensemble's dynamic config could
                // take the client to addresses nobody configured.
                .ensembleTracker(false)
                .threadFactory(Threads.daemonFactory("pilot-zookeeper-curator-"))
                .zookeeperFactory(handles)
                .zkClientConfig(handles.config());
        config.auth().filter(auth -> auth.scheme() == Scheme.DIGEST)
                .ifPresent(auth -> builder.authorization("digest", AclExplainer.digestAuth(auth)));
        CuratorFramework client = builder.build();
        client.start();
        return client;
    }

    /**
     * The ACL of the nodes this backend creates, instance nodes and their parents alike: with
     * credentials, only they may change or delete (ZooKeeper checks deletes against the parent's
     * ACL, so the parents are protected too) and everyone may read; without, the open ACL.
     */
    static List<ACL> aclFor(ZooKeeperConfig config) {
        if (config.auth().isEmpty()) {
            return ZooDefs.Ids.OPEN_ACL_UNSAFE;
        }
        return List.of(
                new ACL(ZooDefs.Perms.ALL, ZooDefs.Ids.AUTH_IDS),
                new ACL(ZooDefs.Perms.READ, ZooDefs.Ids.ANYONE_ID_UNSAFE));
    }

    private static ZKClientConfig clientConfig(ZooKeeperConfig config, int timeoutMs, Optional<String> saslLogin,
                                               Optional<TlsFiles> tls) {
        ZKClientConfig zk = new ZKClientConfig();
        // A request without an answer fails after the timeout instead of waiting for the session to end.
        zk.setProperty(ZKClientConfig.ZOOKEEPER_REQUEST_TIMEOUT, String.valueOf(timeoutMs));
        zk.setProperty(ZKClientConfig.ENABLE_CLIENT_SASL_KEY, String.valueOf(saslLogin.isPresent()));
        saslLogin.ifPresent(login -> {
            zk.setProperty(ZKClientConfig.LOGIN_CONTEXT_NAME_KEY, login);
            // ZooKeeper 3.9's FIPS mode (on by default) refuses DIGEST-MD5, its only password mechanism.
            zk.setProperty(X509Util.FIPS_MODE_PROPERTY, "false");
        });
        applyTls(zk, tls);
        return zk;
    }

    /**
     * Sets every TLS property the client reads. ZooKeeper fills a new {@link ZKClientConfig} from
     * {@code zookeeper.ssl.*} system properties, so what this configuration leaves out is set
     * empty rather than left to whatever the JVM holds (a server in the same JVM sets them, too).
     */
    private static void applyTls(ZKClientConfig zk, Optional<TlsFiles> tls) {
        zk.setProperty(ZKClientConfig.SECURE_CLIENT, String.valueOf(tls.isPresent()));
        if (tls.isEmpty()) {
            return;
        }
        zk.setProperty(ZKClientConfig.ZOOKEEPER_CLIENT_CNXN_SOCKET, ClientCnxnSocketNetty.class.getName());
        try (ClientX509Util x509 = new ClientX509Util()) {
            Optional<String> trustStore = tls.get().trustStore().map(Path::toString);
            zk.setProperty(x509.getSslTruststoreLocationProperty(), trustStore.orElse(""));
            zk.setProperty(x509.getSslTruststoreTypeProperty(), trustStore.isPresent() ? "PEM" : "");
            zk.setProperty(x509.getSslTruststorePasswdProperty(), "");
            zk.setProperty(x509.getSslTruststorePasswdPathProperty(), "");
            Optional<String> keyStore = tls.get().keyStore().map(Path::toString);
            zk.setProperty(x509.getSslKeystoreLocationProperty(), keyStore.orElse(""));
            zk.setProperty(x509.getSslKeystoreTypeProperty(), keyStore.isPresent() ? "PEM" : "");
            zk.setProperty(x509.getSslKeystorePasswdProperty(), "");
            zk.setProperty(x509.getSslKeystorePasswdPathProperty(), "");
            zk.setProperty(x509.getSslHostnameVerificationEnabledProperty(), "true");
        }
    }
}
