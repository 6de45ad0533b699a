package dev.pilot.discovery.spi;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;

/**
 * Stopping a {@link HttpClient}, which the JDK allows from Java 21 on. The library is built for
 * Java 17, so it reaches {@code shutdownNow()} and {@code awaitTermination(Duration)} through
 * method handles, looked up once. On Java 17 both do nothing: aborting the requests in flight is
 * then the job of the threads that sent them (a thread interrupted in {@code send} cancels its
 * request), and the client's selector thread ends by itself once the client is unreachable.
 *
 * <p>Thread-safe.
 */
public final class HttpClients {

    private static final Optional<MethodHandle> SHUTDOWN_NOW = find("shutdownNow", MethodType.methodType(void.class));
    private static final Optional<MethodHandle> AWAIT_TERMINATION = find("awaitTermination",
            MethodType.methodType(boolean.class, Duration.class));

    private HttpClients() {
    }

    /** {@code client.shutdownNow()}: aborts the requests in flight and stops the client's threads (Java 21+). */
    public static void shutdownNow(HttpClient client) {
        if (SHUTDOWN_NOW.isPresent()) {
            call(() -> SHUTDOWN_NOW.get().invoke(client));
        }
    }

    /**
     * {@code client.awaitTermination(wait)}: waits up to {@code wait} for the client's threads to
     * end after {@link #shutdownNow} (Java 21+). Interrupted, it returns at once with the thread's
     * interrupt status set.
     */
    public static void awaitTermination(HttpClient client, Duration wait) {
        if (AWAIT_TERMINATION.isPresent()) {
            call(() -> AWAIT_TERMINATION.get().invoke(client, wait)); // false on timeout: they end later
        }
    }

    private interface Call {
        void run() throws Throwable;
    }

    private static void call(Call call) {
        try {
            call.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("stopping the HTTP client failed", e);
        }
    }

    private static Optional<MethodHandle> find(String name, MethodType type) {
        try {
            return Optional.of(MethodHandles.publicLookup().findVirtual(HttpClient.class, name, type));
        } catch (ReflectiveOperationException e) {
            return Optional.empty(); // before Java 21
        }
    }
}
