package dev.pilot.discovery.zookeeper;

import dev.pilot.discovery.zookeeper.ZooKeeperConfig.Credentials;
import dev.pilot.discovery.zookeeper.ZooKeeperConfig.Scheme;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs.Perms;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.server.auth.DigestAuthenticationProvider;

/**
 * Explains a refused write ({@code NoAuth}) from the ACL of the node or its parent: whose node it
 * is, and whether this client's digest password is wrong or its user is another one. Messages
 * name users, never passwords or password hashes.
 *
 * <p>Best effort: when the ACL cannot be read there is no explanation. Thread-safe.
 */
final class AclExplainer {

    private final CuratorFramework client;
    private final Optional<Credentials> credentials;

    AclExplainer(CuratorFramework client, Optional<Credentials> credentials) {
        this.client = client;
        this.credentials = credentials;
    }

    /** Why this client may not change {@code path} (or create or delete it in its parent). */
    Optional<String> explain(String path) {
        try {
            return Optional.of(explain(owners(path)));
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return Optional.empty();
        }
    }

    private String explain(List<ACL> owners) throws NoSuchAlgorithmException {
        TreeSet<String> ownerNames = new TreeSet<>();
        for (ACL acl : owners) {
            ownerNames.add(acl.getId().getScheme() + " user '" + user(acl.getId().getId()) + "'");
        }
        String whose = ownerNames.isEmpty() ? "nobody may change it" : "it may be changed only by " + String.join(", ", ownerNames);
        if (credentials.isEmpty()) {
            return whose + ", and this client has no credentials";
        }
        Credentials ours = credentials.get();
        if (ours.scheme() == Scheme.DIGEST) {
            String ourId = DigestAuthenticationProvider.generateDigest(ours.user() + ":" + ours.password());
            for (ACL acl : owners) {
                String id = acl.getId().getId();
                if (acl.getId().getScheme().equals("digest") && user(id).equals(ours.user()) && !id.equals(ourId)) {
                    return "wrong password for digest user '" + ours.user() + "'";
                }
            }
        }
        return whose + ", not by " + ours.scheme().id() + " user '" + ours.user() + "'";
    }

    /** The ACL entries that allow more than reading, of {@code path} or, when it is absent, its parent. */
    private List<ACL> owners(String path) throws Exception {
        List<ACL> acls;
        try {
            acls = client.getACL().forPath(path);
        } catch (KeeperException.NoNodeException e) {
            acls = client.getACL().forPath(ZKPaths.getPathAndNode(path).getPath());
        }
        return acls.stream().filter(acl -> (acl.getPerms() & ~Perms.READ) != 0).toList();
    }

    private static String user(String id) {
        int colon = id.indexOf(':');
        return colon < 0 ? id : id.substring(0, colon);
    }

    static byte[] digestAuth(Credentials credentials) {
        return (credentials.user() + ":" + credentials.password()).getBytes(StandardCharsets.UTF_8);
    }
}
