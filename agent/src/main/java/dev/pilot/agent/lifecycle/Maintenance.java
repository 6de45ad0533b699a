package dev.pilot.agent.lifecycle;

/**
 * The maintenance switch SIGUSR1 toggles: while on, services are out of the catalog and every
 * poller (health checks, onChange, tasks, sensors) idles. Thread-safe.
 */
final class Maintenance {

    private boolean on;

    synchronized boolean isOn() {
        return on;
    }

    /** Flips the switch; returns the new state. */
    synchronized boolean toggle() {
        on = !on;
        notifyAll();
        return on;
    }

    /** Blocks while maintenance is on. */
    synchronized void awaitOff() throws InterruptedException {
        while (on) {
            wait();
        }
    }
}
