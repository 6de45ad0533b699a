package dev.pilot.discovery.support;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The requests an HTTP backend has in flight, so that its {@code close()} ends every call blocked
 * on an answer on every Java the library runs on. {@code HttpClient.shutdownNow()} does that from
 * Java 21 on; before it nothing aborts a blocked {@code send}, so each request is sent
 * asynchronously, remembered until it ends, and {@link #cancelAll} cancels what is left (the
 * caller then gets an {@link HttpFailure} of kind {@code INTERRUPTED} at once).
 *
 * <p>It may also bound how many requests are in flight at once. An HTTP/1.1 client opens a
 * connection for each request in flight and keeps it pooled afterwards: an agent whose 1 000
 * services heartbeat at the same moment held 1 000 connections to etcd (and their buffers) long
 * after. Beyond the bound a request waits for a slot, and the wait counts against its own timeout:
 * when none is free in time it fails as a request without an answer does ({@code TIMEOUT}), so no
 * call waits longer than its timeout.
 *
 * <p>Thread-safe.
 */
public final class InFlightRequests {

    private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();
    /** Null: no bound. */
    private final Semaphore slots;
    private volatile boolean cancelled;

    /** No bound on the requests in flight (a client whose requests wait for changes: blocking queries). */
    public InFlightRequests() {
        this.slots = null;
    }

    /** At most {@code most} requests in flight at once; every request must have a timeout. */
    public InFlightRequests(int most) {
        if (most < 1) {
            throw new IllegalArgumentException("most: expected 1 or more, got " + most);
        }
        this.slots = new Semaphore(most, true); // fair: no heartbeat waits behind later ones
    }

    /**
     * Sends {@code request} and waits for its answer, whatever its status, like
     * {@link HttpFailure#send}.
     *
     * @throws HttpFailure when no answer came, or {@link #cancelAll} ended the wait
     */
    public <T> HttpResponse<T> send(HttpClient client, HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws HttpFailure {
        if (slots == null) {
            return sendNow(client, request, handler);
        }
        Duration timeout = request.timeout().orElseThrow(() -> new IllegalArgumentException("a request without a timeout: " + request));
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            if (!slots.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw HttpFailure.of(new HttpTimeoutException("no slot among the requests in flight"), request);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw HttpFailure.of(e, request);
        }
        try {
            // the wait for a slot counts against the request's timeout: one deadline for both
            Duration left = Duration.ofNanos(Math.max(TimeUnit.MILLISECONDS.toNanos(1), deadline - System.nanoTime()));
            HttpRequest timed = left.compareTo(timeout) >= 0 ? request
                    : HttpRequest.newBuilder(request, (name, value) -> true).timeout(left).build();
            return sendNow(client, timed, handler);
        } finally {
            slots.release();
        }
    }

    private <T> HttpResponse<T> sendNow(HttpClient client, HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws HttpFailure {
        CompletableFuture<HttpResponse<T>> answer = client.sendAsync(request, handler);
        inFlight.add(answer);
        try {
            if (cancelled) {
                answer.cancel(true); // cancelAll() ran before this request was remembered
            }
            return answer.get();
        } catch (ExecutionException e) {
            throw HttpFailure.of(e.getCause() == null ? e : e.getCause(), request);
        } catch (CancellationException e) {
            throw HttpFailure.closed(request);
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw HttpFailure.of(e, request);
        } finally {
            inFlight.remove(answer);
        }
    }

    /** How many requests are in flight now. */
    int inFlight() {
        return inFlight.size();
    }

    /** Cancels every request in flight and every later one: for the backend's {@code close()}. */
    public void cancelAll() {
        cancelled = true;
        for (CompletableFuture<?> answer : inFlight) {
            answer.cancel(true);
        }
    }
}
