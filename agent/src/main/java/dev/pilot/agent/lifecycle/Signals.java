package dev.pilot.agent.lifecycle;

import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Hands the signals the agent handles to a callback. {@code sun.misc.Signal} is the JDK's only
 * way to catch HUP, USR1 and USR2 (it is unsupported API, but present and working on JDK 25).
 */
final class Signals {

    private static final Logger LOG = LoggerFactory.getLogger(Signals.class);

    private Signals() {}

    /**
     * Routes each of {@code names} (e.g. "TERM") to {@code handler}, on the JVM's signal thread. A
     * signal this process was started ignoring (under {@code nohup}, HUP) stays ignored: the JVM
     * keeps it so, and it is logged once, so that a reload that never comes is explained.
     */
    static void handle(Consumer<String> handler, String... names) {
        for (String name : names) {
            SignalHandler before = Signal.handle(new Signal(name), signal -> handler.accept(signal.getName()));
            if (before == SignalHandler.SIG_IGN) {
                LOG.warn("SIG{} is ignored by this process (started with nohup or under a parent that ignores it): "
                        + "the agent will not see it", name);
            }
        }
    }
}
