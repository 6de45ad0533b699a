package dev.pilot.discovery;

/** A running {@link ServiceBackend#watch watch}. Cancelling twice is harmless. */
@FunctionalInterface
public interface Watch extends AutoCloseable {

    /** Stops deliveries to the listener; returns once no further call will start. */
    void cancel();

    @Override
    default void close() {
        cancel();
    }
}
