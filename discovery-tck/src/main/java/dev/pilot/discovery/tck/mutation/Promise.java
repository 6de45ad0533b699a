package dev.pilot.discovery.tck.mutation;

/**
 * The promises of {@link dev.pilot.discovery.ServiceBackend}'s javadoc, one by one, in the order
 * the javadoc makes them. Every mutant breaks exactly one; {@link ContractTable} lists, for each,
 * the tests that pin it and the mutants they kill.
 *
 * @param where   the part of the contract that makes the promise: a method, or the interface
 * @param promise the promise, in the javadoc's words
 * @param noMutant why no mutant breaks it, for a promise the suite does not hold (empty otherwise)
 */
public enum Promise {

    THREAD_SAFE("ServiceBackend", "safe for use by many threads at once"),
    FAILS_WITH_DISCOVERY_EXCEPTION("ServiceBackend", "an operation that cannot reach the catalog throws DiscoveryException, naming the backend, within the timeout"),
    NEVER_HANGS("ServiceBackend", "never hanging, even on a server that accepts and never answers"),
    FAILURE_KEEPS_STATE("ServiceBackend", "a failure never discards state: the last known healthy sets are kept and served",
            "made precise by the outage rows of instances, checkForUpstreamChanges and watch, whose mutants break it"),
    FAILED_REGISTRATION_RETRIED("ServiceBackend", "a registration that failed is retried by the next heartbeat"),
    NAME("name", "the name the backend is registered under"),
    VISIBLE_WITHIN_A_SECOND("sendHeartbeat", "after the first heartbeat the instance is visible to other clients within a second"),
    METADATA_KEPT("sendHeartbeat", "registers the service as defined, its metadata included"),
    UPDATES_A_CHANGED_REGISTRATION("sendHeartbeat", "a catalog entry with another address, port, tags or metadata is updated"),
    REFRESHES_THE_TTL("sendHeartbeat", "else refreshes its TTL: healthy while heartbeats go on, and for 0.8 × ttl after the last"),
    EXPIRES("sendHeartbeat", "if heartbeats stop it leaves the healthy set within ttl plus two seconds"),
    BACK_AFTER_LOSS("sendHeartbeat", "a heartbeat after the catalog lost the instance (wiped, expired) registers it again"),
    IDEMPOTENT("sendHeartbeat", "idempotent"),
    CHANGES_PER_OBJECT_AND_PAIR("checkForUpstreamChanges", "a change since the previous call for the same (name, tag) on this backend object"),
    WHAT_A_CHANGE_IS("checkForUpstreamChanges", "a change is an instance added, removed, or re-addressed"),
    FIRST_NON_EMPTY_SET("checkForUpstreamChanges", "the first call that sees a non-empty set returns true (and an empty one false)"),
    NO_CHANGE_IN_AN_OUTAGE("checkForUpstreamChanges", "when the catalog cannot be read, returns false and keeps the last known set"),
    OUT_FOR_MAINTENANCE("markForMaintenance", "takes the instance out of the healthy set within a second"),
    BACK_FROM_MAINTENANCE("markForMaintenance", "the next heartbeat brings it back"),
    DEREGISTERED("deregister", "removes the instance from the catalog within a second"),
    DEREGISTER_TWICE("deregister", "deregistering twice, or something never registered, is not an error"),
    SORTED("instances", "the current healthy set, sorted by id"),
    TAG_FILTER("instances, watch", "the healthy set of (name, tag): only instances with the tag"),
    OWN_SERVICE_ONLY("instances, watch", "the healthy set of this name only, not of names that share its prefix"),
    LAST_SET_IN_AN_OUTAGE("instances", "when the catalog cannot be reached, the last set this backend saw"),
    NO_SET_YET_FAILS("instances", "throws DiscoveryException when the catalog cannot be reached and no set is known yet"),
    CURRENT_SET_FIRST("watch", "delivers the current set first, as soon as it is read"),
    PUSHED_PROMPTLY("watch", "then each change, promptly after the catalog sees it"),
    ONLY_CHANGES("watch", "on each change only: an unchanged set is not delivered again"),
    EVERY_LISTENER("watch", "every watch of an upstream receives its changes"),
    OUTAGE_IS_NOT_A_CHANGE("watch", "an outage is not a change: the listener keeps its last set, no empty set in between"),
    RESYNC_AFTER_RESTART("watch", "after a reconnect or server restart the watch re-reads by itself"),
    CANCEL_STOPS("watch", "the handle stops deliveries"),
    CHECK_NAME("checkName", "refuses, before anything runs, a name the catalog cannot store",
            "a refusal is the backend's own (each backend tests its names); the default accepts every name"),
    CAPABILITIES("capabilities", "what the backend's catalog does natively, declared by the backend"),
    CLOSE_STOPS_WATCHES("close", "stops every watch and background thread, promptly"),
    CLOSE_TWICE("close", "a second close() is harmless"),
    CLOSE_KEEPS_REGISTRATIONS("close", "does not deregister: registrations expire with their TTL (with the session, where the catalog ties them to it)");

    private final String where;
    private final String promise;
    private final String noMutant;

    Promise(String where, String promise) {
        this(where, promise, "");
    }

    Promise(String where, String promise, String noMutant) {
        this.where = where;
        this.promise = promise;
        this.noMutant = noMutant;
    }

    public String where() {
        return where;
    }

    public String promise() {
        return promise;
    }

    /** Why no mutant breaks this promise; empty when mutants do. */
    public String noMutant() {
        return noMutant;
    }
}
