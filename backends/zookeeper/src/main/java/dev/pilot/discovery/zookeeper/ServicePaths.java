package dev.pilot.discovery.zookeeper;

import org.apache.zookeeper.common.PathUtils;

/**
 * ContainerPilot's layout of the catalog: {@code {prefix}/{service name}/{instance id}}, the
 * same as its etcd backend, so one tree serves both.
 *
 * @param prefix the parent node of every service, e.g. {@code /containerpilot}
 */
record ServicePaths(String prefix) {

    /** The node whose children are the instances of {@code name}. */
    String service(String name) {
        return prefix + "/" + segment("service name", name);
    }

    /** The node of one instance. */
    String instance(String name, String id) {
        return service(name) + "/" + segment("instance id", id);
    }

    /**
     * Checks that {@code value} can be one node name: ZooKeeper would otherwise split it into
     * several levels or reject it.
     */
    private static String segment(String what, String value) {
        if (value.contains("/") || value.equals(".") || value.equals("..")) {
            throw new IllegalArgumentException(what + ": expected a name without '/' that is not '.' or '..', got '"
                    + value + "'");
        }
        try {
            PathUtils.validatePath("/" + value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": '" + value + "' cannot be a ZooKeeper node name ("
                    + e.getMessage() + ")", e);
        }
        return value;
    }
}
