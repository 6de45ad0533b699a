package dev.pilot.discovery.support;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * The requests an HTTP backend has in flight, so that its {@code close()} ends every call blocked
 * on an answer on every Java the library runs on. {@code HttpClient.shutdownNow()} does that from
 * Java 21 on; before it nothing aborts a blocked {@code send}, so each request is sent
 * asynchronously, remembered until it ends, and {@link #cancelAll} cancels what is left (the
 * caller then gets an {@link HttpFailure} of kind {@code INTERRUPTED} at once).
 *
 * <p>Thread-safe.
 */
public final class InFlightRequests {

    private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean cancelled;

    /**
     * Sends {@code request} and waits for its answer, whatever its status, like
     * {@link HttpFailure#send}.
     *
     * @throws HttpFailure when no answer came, or {@link #cancelAll} ended the wait
     */
    public <T> HttpResponse<T> send(HttpClient client, HttpRequest request, HttpResponse.BodyHandler<T> handler)
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

    /** Cancels every request in flight and every later one: for the backend's {@code close()}. */
    public void cancelAll() {
        cancelled = true;
        for (CompletableFuture<?> answer : inFlight) {
            answer.cancel(true);
        }
    }
}
