package dev.pilot.discovery.zookeeper;

import dev.pilot.discovery.DiscoveryException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.apache.zookeeper.KeeperException;

/**
 * Turns what Curator and ZooKeeper throw into {@link DiscoveryException}s that name the backend,
 * the ensemble, the node and what to check. Credentials never appear; ACL problems are
 * explained by {@link AclExplainer} with user names only.
 *
 * <p>Thread-safe.
 */
final class Failures {


    private final String address;
    private final Duration timeout;
    private final boolean tls;
    private final Function<String, Optional<String>> explainNoAuth;

    /**
     * @param tls           whether the client speaks TLS: a failed handshake looks like no answer
     * @param explainNoAuth says, for a node path, why this client may not change it (best effort)
     */
    Failures(String address, Duration timeout, boolean tls, Function<String, Optional<String>> explainNoAuth) {
        this.address = address;
        this.timeout = timeout;
        this.tls = tls;
        this.explainNoAuth = explainNoAuth;
    }

    /** The ensemble did not answer within the timeout. */
    DiscoveryException unreachable(String action, String code) {
        return failure("cannot " + action + ": no answer from the ensemble within " + millis(timeout)
                + (code == null ? "" : " (" + code + ")")
                + (tls ? "; with TLS on, a refused handshake looks the same: check zookeeper.tls and the"
                        + " ZooKeeper client's log" : ""), null);
    }

    /** The ensemble address, for messages. */
    String address() {
        return address;
    }

    /**
     * @param action what was attempted, e.g. {@code "register"}
     * @param path   the node it was attempted on
     */
    DiscoveryException of(String action, String path, Exception cause) {
        if (cause instanceof DiscoveryException already) {
            return already;
        }
        if (cause instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return failure("interrupted while trying to " + action + " " + path, cause);
        }
        if (cause instanceof KeeperException keeper) {
            return switch (keeper.code()) {
                case CONNECTIONLOSS, OPERATIONTIMEOUT, REQUESTTIMEOUT, SESSIONEXPIRED, SESSIONMOVED ->
                        unreachable(action + " " + path, keeper.code().name());
                case NOAUTH -> failure("not allowed to " + action + " " + path + ": "
                        + explainNoAuth.apply(path).orElse("the node's ACL does not grant it to this client's credentials")
                        + "; check zookeeper.auth", null);
                case AUTHFAILED -> failure("cannot " + action + " " + path
                        + ": the ensemble rejected this client's credentials; check zookeeper.auth", null);
                default -> failure("cannot " + action + " " + path, cause);
            };
        }
        return failure("cannot " + action + " " + path, cause);
    }

    DiscoveryException failure(String message, Throwable cause) {
        return new DiscoveryException(ZooKeeperBackendProvider.NAME, address, message, cause);
    }

    static String millis(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }
}
