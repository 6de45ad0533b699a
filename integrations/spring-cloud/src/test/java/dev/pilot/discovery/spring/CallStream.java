package dev.pilot.discovery.spring;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Load-balanced calls through one application's {@code /call/<service>}, sent one after another
 * by each of {@link #CALLERS} threads, so that a short window in which the service misroutes is
 * hit by several calls; every call's outcome is recorded, none sampled. Bounded: at most
 * {@link #MAX_CALLS} calls per thread.
 */
final class CallStream implements AutoCloseable {

    static final int MAX_CALLS = 20_000;
    static final int CALLERS = 4;

    /** One call: when it started and ended ({@link System#nanoTime}), and its answer or failure. */
    record Outcome(long startedNanos, long endedNanos, int status, String body, String failure) {

        boolean succeeded() {
            return failure == null && status == 200;
        }

        @Override
        public String toString() {
            return succeeded() ? body : (failure != null ? failure : status + " " + body);
        }
    }

    private final List<Outcome> outcomes = new ArrayList<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();

    private CallStream(RunningApp caller, String service) {
        for (int i = 0; i < CALLERS; i++) {
            Thread thread = new Thread(() -> run(caller, service), "call-stream-" + service + "-" + i);
            thread.setDaemon(true);
            threads.add(thread);
        }
    }

    /** Starts calling {@code service} through {@code caller}. */
    static CallStream start(RunningApp caller, String service) {
        CallStream stream = new CallStream(caller, service);
        stream.threads.forEach(Thread::start);
        return stream;
    }

    private void run(RunningApp caller, String service) {
        for (int call = 0; call < MAX_CALLS && !stop.get(); call++) {
            long started = System.nanoTime();
            Outcome outcome;
            try {
                HttpResponse<String> response = caller.call(service);
                outcome = new Outcome(started, System.nanoTime(), response.statusCode(), response.body(), null);
            } catch (RuntimeException e) {
                outcome = new Outcome(started, System.nanoTime(), 0, null, e.toString());
            }
            synchronized (outcomes) {
                outcomes.add(outcome);
            }
        }
    }

    /** Every outcome so far, in the order the calls ended. */
    List<Outcome> outcomes() {
        synchronized (outcomes) {
            return List.copyOf(outcomes);
        }
    }

    /** How many calls have ended so far. */
    int count() {
        synchronized (outcomes) {
            return outcomes.size();
        }
    }

    /** Whether the stream stopped on its own, every thread having made {@link #MAX_CALLS} calls. */
    boolean exhausted() {
        return !stop.get() && threads.stream().noneMatch(Thread::isAlive);
    }

    /** Stops calling once each thread's current call has ended, and waits for that. */
    @Override
    public void close() {
        stop.set(true);
        for (Thread thread : threads) {
            try {
                thread.join(java.time.Duration.ofSeconds(30).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    static List<Outcome> failures(List<Outcome> outcomes) {
        List<Outcome> failed = new ArrayList<>();
        for (Outcome outcome : outcomes) {
            if (!outcome.succeeded()) {
                failed.add(outcome);
            }
        }
        return failed;
    }
}
