package dev.pilot.discovery;

import java.util.List;

/**
 * A service catalog: where this process advertises its services and finds its upstreams.
 *
 * <p>The operations are ContainerPilot 2's {@code discovery.ServiceBackend}, plus a push-based
 * {@link #watch} and a direct {@link #instances} read. Every implementation passes the
 * conformance suite in {@code pilot-discovery-tck}, which is the executable form of this
 * contract.
 *
 * <p><b>Thread-safety:</b> implementations are safe for use by many threads at once.
 *
 * <p><b>Failures:</b> operations that talk to the catalog throw {@link DiscoveryException} when
 * it cannot be reached or refuses the request, within the backend's configured timeout (5 s by
 * default), never hanging. A failure never discards state: the last known healthy sets are kept
 * and served, and a registration that failed is retried by the next heartbeat.
 */
public interface ServiceBackend extends AutoCloseable {

    /** The name this backend is registered under, e.g. {@code "consul"}; used in messages. */
    String name();

    /**
     * Registers {@code service} if the catalog lacks it (or holds it with another address, port,
     * tags or metadata: the registration is updated), else refreshes its TTL. After the first
     * heartbeat the instance is visible to other clients within a second; if heartbeats stop it
     * leaves the healthy set within {@code ttl} plus two seconds, even while this process and its
     * connection stay alive. A heartbeat after {@link #markForMaintenance} or after the catalog
     * lost its data registers the instance again. Idempotent.
     *
     * @throws DiscoveryException when the catalog cannot be reached or refuses the write
     */
    void sendHeartbeat(ServiceDefinition service);

    /**
     * ContainerPilot's poll: whether the healthy set of {@code (name, tag)} changed since the
     * previous call for the same pair on this backend object. A change is an instance added,
     * removed, or re-addressed (address or port). The first call that sees a non-empty set returns
     * true. When the catalog cannot be read, returns false and keeps the last known set.
     *
     * @param tag the tag to filter on; null or empty for no filter
     */
    boolean checkForUpstreamChanges(String name, String tag);

    /**
     * Takes {@code service} out of the healthy set within a second; the next
     * {@link #sendHeartbeat} brings it back.
     *
     * @throws DiscoveryException when the catalog cannot be reached or refuses the write
     */
    void markForMaintenance(ServiceDefinition service);

    /**
     * Removes {@code service} from the catalog within a second. Deregistering twice, or
     * something never registered, is not an error.
     *
     * @throws DiscoveryException when the catalog cannot be reached or refuses the write
     */
    void deregister(ServiceDefinition service);

    /**
     * The current healthy set of {@code (name, tag)}, sorted by id. When the catalog cannot be
     * reached, the last set this backend saw for that pair, if any.
     *
     * @param tag the tag to filter on; null or empty for no filter
     * @throws DiscoveryException when the catalog cannot be reached and no set is known yet
     */
    List<Instance> instances(String name, String tag);

    /**
     * Pushes the healthy set of {@code (name, tag)} to {@code listener}: once with the current set
     * as soon as it is read, then on each change, promptly after the catalog sees it. An outage
     * is not a change (the listener keeps its last set); after a reconnect or server restart the
     * watch re-reads by itself and delivers if the set changed meanwhile.
     *
     * @param tag the tag to filter on; null or empty for no filter
     * @return a handle that stops deliveries
     */
    Watch watch(String name, String tag, UpstreamListener listener);

    /**
     * Refuses, before anything runs, a name this catalog cannot store: a service's name or
     * instance id, or an upstream's name. Called by whoever builds definitions from a
     * configuration, so such a name is a configuration error at start rather than a failure of
     * every heartbeat. Accepts every name by default.
     *
     * @param key  the configuration key that holds the name, for the message
     * @param name the name or id
     * @throws ConfigException naming {@code key} when this catalog cannot store {@code name}
     */
    default void checkName(String key, String name) {}

    /** What this backend's catalog does natively (asked here only: the backend declares it). */
    java.util.Set<Capability> capabilities();

    /**
     * Stops every watch and background thread and releases connections. Does not deregister:
     * registrations expire with their TTL, as when the process dies. A catalog that ties
     * registrations to the client's session (ZooKeeper's ephemeral nodes) removes them as the
     * session ends here, as it would when the process dies.
     */
    @Override
    void close();
}
