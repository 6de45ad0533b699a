package dev.pilot.discovery.spi;

/**
 * The use-after-close check every backend makes: after {@link #close()}, {@link #check()} throws
 * an {@link IllegalStateException} naming the backend and its address. Thread-safe.
 */
public final class ClosedGuard {

    private final String what;
    private volatile boolean closed;

    /** @param what the backend as messages name it, e.g. {@code "the consul backend at 127.0.0.1:8500"} */
    public ClosedGuard(String what) {
        this.what = what;
    }

    /** @throws IllegalStateException when closed */
    public void check() {
        if (closed) {
            throw new IllegalStateException(what + " is closed");
        }
    }

    /** Marks the backend closed; true the first time, so close work runs once. */
    public synchronized boolean close() {
        boolean first = !closed;
        closed = true;
        return first;
    }

    public boolean isClosed() {
        return closed;
    }
}
