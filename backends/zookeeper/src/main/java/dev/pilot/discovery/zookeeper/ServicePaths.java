package dev.pilot.discovery.zookeeper;

import dev.pilot.discovery.spi.ConfigMap;
import dev.pilot.discovery.spi.PathSegments;
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
        String problem = problem(value);
        if (problem != null) {
            throw new IllegalArgumentException(what + ": " + problem);
        }
        return value;
    }

    /**
     * Why {@code value} cannot be one node name ("expected …, got …"), or null when it can: the
     * common path-segment rule, then what ZooKeeper itself refuses in a path.
     */
    static String problem(String value) {
        String problem = PathSegments.problem(value, "");
        if (problem != null) {
            return problem;
        }
        try {
            PathUtils.validatePath("/" + value);
            return null;
        } catch (IllegalArgumentException e) {
            return "expected a name ZooKeeper accepts as a node name (" + e.getMessage() + "), got "
                    + ConfigMap.describe(value);
        }
    }
}
