package dev.pilot.discovery.etcd;

import dev.pilot.discovery.DiscoveryException;
import dev.pilot.discovery.spi.Threads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Renews leases for every heartbeat of the backend, with one request for all the renewals asked
 * for while the one before was on its way: each renewal is one message on one keep-alive stream
 * ({@link EtcdApi#keepAliveOnce}), as etcd's own client keeps every lease alive on one stream.
 * When the services of an agent heartbeat at the same moment, a thousand renewals cost a handful of
 * requests instead of a thousand, for this process and for etcd. A renewal alone goes at once, in a
 * request of its own.
 *
 * <p>Each caller waits at most the backend's timeout, as it would for a request of its own, and a
 * request carrying several renewals may take until the latest of their deadlines. One thread sends
 * the requests, one at a time.
 *
 * <p>Thread-safe. {@link #close} fails every renewal not answered yet.
 */
final class LeaseRenewals implements AutoCloseable {

    /** The most renewals one request carries: about 30 bytes each, and their answers about 170. */
    static final int MOST_PER_REQUEST = 256;

    /** A renewal asked for and not answered yet. */
    private record Pending(long lease, long deadline, CompletableFuture<EtcdApi.Renewal> answer) {}

    /** Renews leases in one request: {@link EtcdApi#keepAliveOnce}. */
    @FunctionalInterface
    interface Request {
        /**
         * @param deadline when the renewals must be over ({@link System#nanoTime})
         * @return each lease's renewal; a lease without an answer is missing
         */
        Map<Long, EtcdApi.Renewal> renew(List<Long> leases, long deadline);
    }

    private final String address;
    private final Request request;
    private final Duration timeout;
    private final BlockingQueue<Pending> pending = new LinkedBlockingQueue<>();
    private final Thread sender;
    private volatile boolean closed;

    /**
     * @param address the endpoints, for messages
     * @param request sends one request
     * @param timeout how long a caller waits for its renewal
     */
    LeaseRenewals(String address, Request request, Duration timeout) {
        this.address = address;
        this.request = request;
        this.timeout = timeout;
        this.sender = Threads.unstarted("pilot-etcd-renewals", this::sendUntilClosed);
        sender.start();
    }

    /**
     * Renews {@code lease} once, to its full TTL.
     *
     * @throws EtcdRefusal when etcd refused the renewal
     * @throws DiscoveryException when etcd did not answer within the timeout, or the wait was
     *                            interrupted (the thread's interrupt status is then set)
     */
    EtcdApi.Renewal renew(long lease) {
        if (closed) {
            throw closedFailure();
        }
        Pending renewal = new Pending(lease, System.nanoTime() + timeout.toNanos(), new CompletableFuture<>());
        pending.add(renewal);
        if (closed) {
            fail(renewal); // close() may have drained the queue before this renewal was in it
        }
        try {
            return renewal.answer().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure; // EtcdRefusal, DiscoveryException, or the backend closed
            }
            throw new DiscoveryException(EtcdBackendProvider.NAME, address, what(lease) + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            renewal.answer().cancel(false);
            throw new DiscoveryException(EtcdBackendProvider.NAME, address, what(lease) + ": timed out after "
                    + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            renewal.answer().cancel(false);
            Thread.currentThread().interrupt();
            throw new DiscoveryException(EtcdBackendProvider.NAME, address, what(lease) + ": interrupted", e);
        }
    }

    /** A failed renewal's message text: only then, not on each heartbeat. */
    private static String what(long lease) {
        return "renew lease " + Long.toHexString(lease);
    }

    /** How many renewals wait for the next request, for tests. */
    int waiting() {
        return pending.size();
    }

    @Override
    public void close() {
        closed = true;
        sender.interrupt();
        for (Pending left; (left = pending.poll()) != null; ) {
            fail(left);
        }
    }

    private void sendUntilClosed() {
        List<Pending> batch = new ArrayList<>(MOST_PER_REQUEST);
        while (!closed) {
            if (batch.isEmpty()) {
                try {
                    batch.add(pending.take());
                } catch (InterruptedException e) {
                    break; // closed
                }
            }
            pending.drainTo(batch, MOST_PER_REQUEST - batch.size());
            batch = send(batch);
        }
        batch.forEach(this::fail); // carried over from the last request when close() came
    }

    /**
     * Sends the renewals of {@code batch} whose callers still wait, and answers each.
     *
     * @return the renewals etcd's answer held nothing for, to go first in the next request: the
     *         gateway may end the stream before it has read every message of the body (an HTTP/1.1
     *         server reads what is left of a request's body unread, and drops it, once it has
     *         started its answer). An answer holding none fails them instead.
     */
    private List<Pending> send(List<Pending> batch) {
        List<Pending> unanswered = new ArrayList<>(MOST_PER_REQUEST);
        batch.removeIf(renewal -> renewal.answer().isDone()); // timed out or interrupted while waiting
        if (batch.isEmpty()) {
            return unanswered;
        }
        // The last asked has the latest deadline; a caller asked earlier stops waiting at its own.
        long deadline = batch.get(batch.size() - 1).deadline();
        try {
            Map<Long, EtcdApi.Renewal> answers = request.renew(batch.stream().map(Pending::lease).toList(), deadline);
            for (Pending renewal : batch) {
                EtcdApi.Renewal answer = answers.get(renewal.lease());
                if (answer != null) {
                    renewal.answer().complete(answer);
                } else if (!answers.isEmpty()) {
                    unanswered.add(renewal);
                } else { // no progress: never send the same request again and again
                    renewal.answer().completeExceptionally(new DiscoveryException(EtcdBackendProvider.NAME, address,
                            what(renewal.lease()) + ": etcd's answer held no renewal"));
                }
            }
        } catch (RuntimeException | Error e) { // and the thread goes on: a heartbeat later may succeed
            for (Pending renewal : batch) {
                renewal.answer().completeExceptionally(e);
            }
        }
        return unanswered;
    }

    private void fail(Pending renewal) {
        renewal.answer().completeExceptionally(closedFailure());
    }

    private IllegalStateException closedFailure() {
        return new IllegalStateException("the etcd backend at " + address + " is closed");
    }
}
