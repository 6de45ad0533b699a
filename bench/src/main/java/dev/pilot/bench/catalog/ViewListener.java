package dev.pilot.bench.catalog;

import java.util.Set;

/** Receives what a watcher knows after a notification: the ids of the service's instances. */
@FunctionalInterface
public interface ViewListener {

    /**
     * @param arrivalNanos {@link System#nanoTime()} when the notification arrived, before the
     *                     watcher did anything else with it
     * @param ids          the instance ids the watcher knows of after it, or null from a watcher
     *                     that is only told that something changed
     */
    void onView(long arrivalNanos, Set<String> ids);
}
