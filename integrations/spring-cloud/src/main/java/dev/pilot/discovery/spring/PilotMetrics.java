package dev.pilot.discovery.spring;

/** What Pilot counts; {@link #NONE} when Micrometer is not on the class path. Implementations never throw. */
interface PilotMetrics {

    PilotMetrics NONE = new PilotMetrics() {
        @Override
        public void heartbeat(boolean success) {}

        @Override
        public void delivery(String service) {}
    };

    /** A heartbeat was sent; {@code success} is false when the catalog failed it. */
    void heartbeat(boolean success);

    /** A watch delivered a changed healthy set of {@code service}. */
    void delivery(String service);
}
