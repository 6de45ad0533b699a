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
 * login by name in the process-wide JAAS {@link Configuration}, so this class installs, once, a
 * configuration that answers for the names it hands out and asks the previous configuration (a
 * JAAS file the application may have) for every other name.
 *
 * <p>Each backend registers its credentials under a fresh name and unregisters them on close.
 * Thread-safe.
 */
final class SaslLogins extends Configuration {

    /** ZooKeeper's own DIGEST-MD5 client login module. */
    private static final String DIGEST_LOGIN_MODULE = "org.apache.zookeeper.server.auth.DigestLoginModule";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final Map<String, AppConfigurationEntry[]> LOGINS = new ConcurrentHashMap<>();
    private static boolean installed;

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

    private static synchronized void install() {
        if (!installed) {
            Configuration previous;
            try {
                previous = Configuration.getConfiguration();
            } catch (SecurityException noJaasFile) {
                previous = null;
            }
            Configuration.setConfiguration(new SaslLogins(previous));
            installed = true;
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
