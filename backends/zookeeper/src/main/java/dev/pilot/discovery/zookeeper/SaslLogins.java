package dev.pilot.discovery.zookeeper;

import dev.pilot.discovery.zookeeper.ZooKeeperConfig.Credentials;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.AppConfigurationEntry.LoginModuleControlFlag;
import javax.security.auth.login.Configuration;

/**
 * SASL credentials for ZooKeeper clients without a JAAS file: ZooKeeper's client finds its SASL
 * login by name in the process-wide JAAS {@link Configuration}, so this class puts in front of
 * it a configuration that answers for the names it hands out and asks the previous configuration
 * (a JAAS file the application may have) for every other name. If the application replaces the
 * configuration later, the next registration puts this class in front again.
 *
 * <p>Each backend registers its credentials under a fresh name and unregisters them on close.
 * Thread-safe.
 */
final class SaslLogins extends Configuration {

    /** ZooKeeper's own DIGEST-MD5 client login module. */
    private static final String DIGEST_LOGIN_MODULE = "org.apache.zookeeper.server.auth.DigestLoginModule";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final Map<String, AppConfigurationEntry[]> LOGINS = new ConcurrentHashMap<>();

    private final Configuration previous;

    private SaslLogins(Configuration previous) {
        this.previous = previous;
    }

    /** Registers {@code credentials}; returns the login name to give ZooKeeper's client. */
    static String register(Credentials credentials) {
        install();
        String name = "pilot-zookeeper-" + SEQUENCE.incrementAndGet();
        LOGINS.put(name, new AppConfigurationEntry[] {new AppConfigurationEntry(DIGEST_LOGIN_MODULE,
                LoginModuleControlFlag.REQUIRED, Map.of("username", credentials.user(), "password", credentials.password()))});
        return name;
    }

    /** Forgets the login registered under {@code name}. */
    static void unregister(String name) {
        LOGINS.remove(name);
    }

    /** Puts this class in front of the JVM's JAAS configuration, unless it is there already. */
    private static synchronized void install() {
        Configuration current;
        try {
            current = Configuration.getConfiguration();
        } catch (SecurityException noJaasFile) {
            current = null;
        }
        if (!(current instanceof SaslLogins)) {
            Configuration.setConfiguration(new SaslLogins(current));
        }
    }

    @Override
    public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
        AppConfigurationEntry[] ours = LOGINS.get(name);
        if (ours != null) {
            return ours.clone();
        }
        return previous == null ? null : previous.getAppConfigurationEntry(name);
    }

    @Override
    public void refresh() {
        if (previous != null) {
            previous.refresh();
        }
    }
}
