package dev.pilot.discovery.etcd;

/**
 * Where instances live, as ContainerPilot 2 laid them out: instance {@code id} of service
 * {@code name} is the key {@code {prefix}/{name}/{id}}, so one prefix read finds a service's
 * instances.
 *
 * @param prefix the configured prefix, e.g. {@code /containerpilot}
 */
record KeyLayout(String prefix) {

    /** The key of one instance. */
    String instanceKey(String name, String id) {
        return prefix + "/" + name + "/" + id;
    }

    /** The prefix every instance key of service {@code name} starts with, ending in {@code /}. */
    String servicePrefix(String name) {
        return prefix + "/" + name + "/";
    }
}
