package dev.pilot.discovery.zookeeper;

import dev.pilot.discovery.DiscoveryException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Holds every caller-facing operation to the configured timeout, and the operations under way to
 * a bound. Curator waits for a connection, then retries, and ZooKeeper queues a request until a
 * connection fails: each bounded, but in sum up to about twice the timeout. So the operation runs
 * on a worker thread and the caller waits at most the timeout, then gets a
 * {@link DiscoveryException}. Within the timeout, Curator's retries ride out an election.
 *
 * <p>At most {@link #MOST_IN_FLIGHT} operations run at once; a caller beyond them waits for one
 * to end, within its own timeout. An operation the caller gave up on runs on until ZooKeeper or
 * Curator ends it, and keeps its place meanwhile: against an ensemble that answers late, callers
 * that time out and try again must not pile up requests in the client's queues (an agent with
 * 1 000 services did, until collecting its full heap took a whole core), as the etcd and Consul
 * backends bound theirs. Closing the backend interrupts them all.
 *
 * <p>Thread-safe.
 */
final class BoundedCalls {

    /** As many as etcd's backend allows (32): ZooKeeper pipelines requests on one connection. */
    static final int MOST_IN_FLIGHT = 32;

    private final ExecutorService workers;
    private final Duration timeout;
    private final Failures failures;
    private final Semaphore inFlight = new Semaphore(MOST_IN_FLIGHT);

    BoundedCalls(ExecutorService workers, Duration timeout, Failures failures) {
        this.workers = workers;
        this.timeout = timeout;
        this.failures = failures;
    }

    /**
     * Runs {@code operation}, giving up after the timeout.
     *
     * @param action what it does, for the message: {@code "register /containerpilot/web/web-1"}
     * @throws DiscoveryException when it fails or does not finish in time
     * @throws IllegalStateException when the backend is closed
     */
    <T> T call(String action, Supplier<T> operation) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            if (!inFlight.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw failures.failure("cannot " + action + ": " + MOST_IN_FLIGHT
                        + " operations have been waiting for the ensemble for " + Failures.millis(timeout), null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failures.failure("interrupted while trying to " + action, e);
        }
        Future<T> future;
        try {
            future = workers.submit(() -> {
                try {
                    return operation.get();
                } finally {
                    inFlight.release();
                }
            });
        } catch (RejectedExecutionException e) {
            inFlight.release();
            throw new IllegalStateException("the zookeeper backend at " + failures.address() + " is closed", e);
        }
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw failures.unreachable(action, null); // the operation runs on, in its place: see above
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw failures.failure("interrupted while trying to " + action, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw failures.failure("cannot " + action, e.getCause());
        }
    }

    /** {@link #call} for an operation without a result. */
    void run(String action, Runnable operation) {
        call(action, () -> {
            operation.run();
            return null;
        });
    }
}
