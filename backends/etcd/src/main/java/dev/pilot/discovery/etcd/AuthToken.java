package dev.pilot.discovery.etcd;

import dev.pilot.discovery.support.JsonValues;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The token etcd gives for a user name and password ({@code /v3/auth/authenticate}), fetched on
 * first use and again when the server refuses it: simple tokens expire after
 * {@code --auth-token-ttl} (5 minutes) without use, and every token dies with a server restart.
 *
 * <p>Neither the password nor the token ever appears in a log line or message.
 *
 * <p>Thread-safe: one authentication at a time; callers wait for it.
 */
final class AuthToken {

    private static final Logger LOG = LoggerFactory.getLogger(AuthToken.class);

    private final String user;
    private final String password;
    private final Transport transport;
    private String token;
    private boolean serverHasNoAuth;

    AuthToken(String user, String password, Transport transport) {
        this.user = user;
        this.password = password;
        this.transport = transport;
    }

    /**
     * The token to send, authenticating first (by {@code deadline}, a {@link System#nanoTime})
     * if there is none; null when the server has authentication switched off.
     *
     * @throws EtcdRefusal when the server rejects the user name or password
     */
    synchronized String token(long deadline) {
        if (token == null && !serverHasNoAuth) {
            token = authenticate(deadline);
        }
        return token;
    }

    /**
     * Forgets {@code refused} (null: the server wanted a token and got none) if it is still the
     * current token, so the next {@link #token} authenticates again.
     */
    synchronized void refused(String refused) {
        if (java.util.Objects.equals(refused, token)) {
            LOG.debug("etcd at {} refused the auth token of user '{}'; authenticating again", transport.address(), user);
            token = null;
            serverHasNoAuth = false;
        }
    }

    /** Forgets the current token, whichever it is. */
    synchronized void forget() {
        token = null;
        serverHasNoAuth = false;
    }

    private String authenticate(long deadline) {
        Map<String, Object> request = Json.object("name", user, "password", password);
        Map<String, Object> answer;
        try {
            answer = transport.authenticate("authenticate as user '" + user + "'", request, deadline);
        } catch (EtcdRefusal refusal) {
            if (refusal.authNotEnabled()) {
                LOG.warn("etcd at {} has authentication switched off; user '{}' is not used", transport.address(), user);
                serverHasNoAuth = true;
                return null;
            }
            throw refusal;
        }
        String fresh = JsonValues.text(answer.get("token"));
        if (fresh.isEmpty()) {
            throw new dev.pilot.discovery.DiscoveryException(EtcdBackendProvider.NAME, transport.address(),
                    "authenticate as user '" + user + "': the answer holds no token");
        }
        return fresh;
    }
}
