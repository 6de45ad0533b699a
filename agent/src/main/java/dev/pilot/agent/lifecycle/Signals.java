package dev.pilot.agent.lifecycle;

import java.util.function.Consumer;
import sun.misc.Signal;

/**
 * Hands the signals the agent handles to a callback. {@code sun.misc.Signal} is the JDK's only
 * way to catch HUP, USR1 and USR2 (it is unsupported API, but present and working on JDK 25).
 */
final class Signals {

    private Signals() {}

    /** Routes each of {@code names} (e.g. "TERM") to {@code handler}, on the JVM's signal thread. */
    static void handle(Consumer<String> handler, String... names) {
        for (String name : names) {
            Signal.handle(new Signal(name), signal -> handler.accept(signal.getName()));
        }
    }
}
