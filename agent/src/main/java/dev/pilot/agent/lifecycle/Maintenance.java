package dev.pilot.agent.lifecycle;

/**
 * The maintenance switch SIGUSR1 toggles: while on, services are out of the catalog and every
 * poller (health checks, onChange, tasks, sensors) idles. Thread-safe.
 */
final class Maintenance {

    private boolean on;
    private int waiting;

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
        waiting++;
        try {
            while (on) {
                wait();
            }
        } finally {
            waiting--;
        }
    }

    /** How many threads {@link #awaitOff()} holds now (for tests: a run that waits, rather than one not yet due). */
    synchronized int waiting() {
        return waiting;
    }
}
