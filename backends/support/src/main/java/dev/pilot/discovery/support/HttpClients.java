package dev.pilot.discovery.support;

import dev.pilot.discovery.TlsOptions;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.http.HttpClient;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;

/**
 * The JDK {@link HttpClient} of an HTTP backend: HTTP/1.1 (one connection per request in flight,
 * no h2c upgrade attempts, clear of gRPC's HTTP/2 routing on a shared port), a connect timeout,
 * the backend's executor, and the {@link SSLContext} its configuration asks for.
 *
 * <p>The client always holds an {@code SSLContext}; left to itself it takes
 * {@link SSLContext#getDefault()}, which loads the JDK's trust store (the larger part of the
 * ~240 ms a client costs to build). A plain-HTTP client pays nothing for TLS: its context
 * ({@link PlainHttpContext}) does not even load the JDK's TLS implementation.
 *
 * <p>Stopping a client is a JDK 21 method; the library runs on Java 17, so {@link #shutdownNow} and
 * {@link #awaitTermination} reach it through method handles and do nothing on 17 (a thread
 * interrupted in {@code send} cancels its request; the selector thread ends with the client).
 */
public final class HttpClients {

    private static final Optional<MethodHandle> SHUTDOWN_NOW = find("shutdownNow", MethodType.methodType(void.class));
    private static final Optional<MethodHandle> AWAIT_TERMINATION = find("awaitTermination",
            MethodType.methodType(boolean.class, Duration.class));

    private HttpClients() {}

    /**
     * @param https          whether any request goes over TLS
     * @param tls            the backend's {@code tls} block; empty for the JDK's defaults
     * @param connectTimeout how long connecting may take
     * @param executor       runs the client's work; owned by the caller, who shuts it down
     */
    public static HttpClient http11(boolean https, Optional<TlsOptions> tls, Duration connectTimeout, Executor executor) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .executor(executor)
                .sslContext(sslContext(https, tls))
                .build();
    }

    /** The context of {@code tls}; the JDK's default over https without one; one never used over plain http. */
    static SSLContext sslContext(boolean https, Optional<TlsOptions> tls) {
        if (tls.isPresent()) {
            return tls.get().sslContext();
        }
        if (!https) {
            return new PlainHttpContext();
        }
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK offers no default TLS context", e);
        }
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
