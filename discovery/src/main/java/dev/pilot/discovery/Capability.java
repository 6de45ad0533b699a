package dev.pilot.discovery;

/**
 * What a backend does natively, so that callers can adapt instead of every backend sinking to
 * the least common denominator. Every backend honours the whole {@link ServiceBackend} contract;
 * a capability says the catalog itself does the work rather than Pilot emulating it.
 */
public enum Capability {
    /** The catalog filters by tag on the server. */
    TAG_FILTER,
    /** The catalog expires an instance by itself when heartbeats stop. */
    NATIVE_TTL,
    /** The catalog has a maintenance mode that keeps the registration. */
    NATIVE_MAINTENANCE,
    /** Changes are pushed by the server rather than found by polling. */
    PUSH_WATCH,
    /** Instances carry key/value metadata. */
    METADATA
}
