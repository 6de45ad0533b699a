package dev.pilot.agent.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Runs a loop of cases on one worker thread and holds every case to a time limit while it runs:
 * the caller's thread watches the case in progress and fails as soon as one has run longer than
 * the limit, naming it, with the worker's stack. The worker is a daemon and is interrupted; a case
 * that ignores the interrupt is left behind (the surefire fork's own timeout ends the JVM).
 *
 * <p>One thread for all the cases, not one per case: the loop stays as fast as on the caller's
 * thread. Not reusable: one loop per watchdog.
 */
final class CaseWatchdog {

    /** How often the caller's thread looks at the case in progress. */
    private static final long LOOK_EVERY_MILLIS = 50;

    private final Duration limit;
    private volatile long caseNumber = -1;
    private volatile long caseStarted;
    private volatile Object caseInput;

    CaseWatchdog(Duration limit) {
        this.limit = limit;
    }

    /** The loop of cases; calls {@link #starting} before each. */
    interface Loop {
        void run(CaseWatchdog watchdog) throws Throwable;
    }

    /** Marks the start of case {@code number} on {@code input}: its time runs from now. */
    void starting(long number, Object input) {
        caseInput = input;
        caseStarted = System.nanoTime();
        caseNumber = number;
    }

    /**
     * Runs {@code loop} on the worker and returns when it ends; rethrows what it threw; throws an
     * {@link AssertionError} as soon as one case has run longer than the limit.
     *
     * @param describe how to name a case in the failure (its number and input), e.g. with the seed
     */
    void run(Loop loop, CaseNamer describe) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread worker = new Thread(() -> {
            try {
                loop.run(this);
                done.complete(null);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        }, "config-fuzz-cases");
        worker.setDaemon(true);
        worker.start();
        while (true) {
            try {
                done.get(LOOK_EVERY_MILLIS, TimeUnit.MILLISECONDS);
                return;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new AssertionError(e.getCause());
            } catch (TimeoutException e) {
                long number = caseNumber;
                long ranNanos = System.nanoTime() - caseStarted;
                if (number >= 0 && ranNanos > limit.toNanos() && number == caseNumber) {
                    String stack = Arrays.stream(worker.getStackTrace()).limit(12).map(String::valueOf)
                            .collect(Collectors.joining(" <- "));
                    worker.interrupt();
                    throw new AssertionError(describe.name(number, caseInput) + " still running after "
                            + Duration.ofNanos(ranNanos).toMillis() + " ms (limit " + limit.toMillis() + " ms); at " + stack);
                }
            } catch (InterruptedException e) {
                worker.interrupt();
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while cases ran", e);
            }
        }
    }

    /** Names a case in a failure. */
    interface CaseNamer {
        String name(long number, Object input);
    }
}
