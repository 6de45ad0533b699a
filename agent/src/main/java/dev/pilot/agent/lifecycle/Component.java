package dev.pilot.agent.lifecycle;

/**
 * A part of a configuration that runs while the configuration is in force: a service's
 * heartbeat, an upstream watch, a task, a sensor, a coprocess, the telemetry endpoint. A reload
 * stops the components whose configuration went away or changed and starts the new ones;
 * unchanged components keep running.
 */
interface Component {

    /** Starts the component's threads. */
    void start();

    /** Stops its threads, interrupting work in progress; returns once they have ended. */
    void stop();

    /** After {@link #stop}: removes what the component put in the catalog. Nothing by default. */
    default void withdraw() {}
}
