package dev.pilot.discovery.tck.mutation;

import java.time.Duration;

/** What the mutants share: a name for the threads they start, and a pause that is the defect itself. */
final class Defects {

    private Defects() {}

    /** Starts {@code work} on a daemon thread named after the mutant. */
    static Thread start(String name, Runnable work) {
        Thread thread = new Thread(work, "pilot-mutant-" + name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Pauses for {@code length}: the defect (a late close, a slow heartbeat), not a wait for a condition. */
    static boolean pause(Duration length) {
        try {
            Thread.sleep(length.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
