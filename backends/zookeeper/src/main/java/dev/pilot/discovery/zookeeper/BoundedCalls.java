package dev.pilot.discovery.zookeeper;

import dev.pilot.discovery.DiscoveryException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Holds every caller-facing operation to the configured timeout. Curator waits for a connection,
 * then retries, and ZooKeeper queues a request until a connection fails: each bounded, but in
 * sum up to about twice the timeout. So the operation runs on a worker thread and the caller
 * waits at most the timeout; then the operation is interrupted and the caller gets a
 * {@link DiscoveryException}. Within the timeout, Curator's retries ride out an election.
 *
 * <p>Thread-safe.
 */
final class BoundedCalls {

    private final ExecutorService workers;
    private final Duration timeout;
    private final Failures failures;

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
        Future<T> future;
        try {
            future = workers.submit(operation::get);
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("the zookeeper backend at " + failures.address() + " is closed", e);
        }
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw failures.unreachable(action, null);
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
