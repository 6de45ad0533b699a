package dev.pilot.discovery.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Runs on every runtime the test command uses (17 and 25): each checks its own branch. */
class ThreadsTest {

    private static final boolean RUNTIME_HAS_VIRTUAL_THREADS = Runtime.version().feature() >= 21;

    @Test
    void threadsAreVirtualExactlyWhenTheRuntimeHasThem() throws Exception {
        assertThat(Threads.virtual()).isEqualTo(RUNTIME_HAS_VIRTUAL_THREADS);
        CompletableFuture<Thread> ran = new CompletableFuture<>();
        Threads.start("pilot-test-kind", () -> ran.complete(Thread.currentThread())).join();
        assertThat(isVirtual(ran.get())).isEqualTo(RUNTIME_HAS_VIRTUAL_THREADS);
    }

    @Test
    void aThreadHasTheNameAskedAndNeverKeepsTheJvmAlive() throws Exception {
        CompletableFuture<String> name = new CompletableFuture<>();
        Thread thread = Threads.unstarted("pilot-test-named", () -> name.complete(Thread.currentThread().getName()));
        assertThat(thread.isDaemon()).isTrue();
        assertThat(thread.getState()).isEqualTo(Thread.State.NEW);
        thread.start();
        assertThat(name.get(10, TimeUnit.SECONDS)).isEqualTo("pilot-test-named");
    }

    @Test
    void factoriesNumberTheirThreads() {
        ThreadFactory factory = Threads.factory("pilot-test-worker-");
        assertThat(List.of(factory.newThread(() -> {}).getName(), factory.newThread(() -> {}).getName()))
                .containsExactly("pilot-test-worker-0", "pilot-test-worker-1");
        ThreadFactory daemons = Threads.daemonFactory("pilot-test-daemon-");
        Thread daemon = daemons.newThread(() -> {});
        assertThat(daemon.getName()).isEqualTo("pilot-test-daemon-0");
        assertThat(daemon.isDaemon()).isTrue();
        assertThat(isVirtual(daemon)).as("a daemon thread is a platform thread on every runtime").isFalse();
    }

    @Test
    void thePerTaskExecutorRunsTasksAtOnceOnNamedThreadsAndCloseWaitsForThem() throws Exception {
        ExecutorService executor = Threads.perTaskExecutor("pilot-test-task-");
        int tasks = 4;
        CountDownLatch allRunning = new CountDownLatch(tasks);
        CountDownLatch release = new CountDownLatch(1);
        List<String> names = new CopyOnWriteArrayList<>();
        List<Future<?>> done = new CopyOnWriteArrayList<>();
        for (int i = 0; i < tasks; i++) {
            done.add(executor.submit(() -> {
                names.add(Thread.currentThread().getName());
                allRunning.countDown();
                release.await();
                return null;
            }));
        }
        assertThat(allRunning.await(10, TimeUnit.SECONDS)).as("every task runs at once, each on its own thread").isTrue();
        release.countDown();
        Threads.close(executor);
        assertThat(executor.isTerminated()).isTrue();
        assertThat(done).allMatch(Future::isDone);
        assertThat(names).hasSize(tasks).allMatch(name -> name.startsWith("pilot-test-task-"));
    }

    @Test
    void closeInterruptedCancelsTheTasksAndKeepsTheInterrupt() throws Exception {
        ExecutorService executor = Threads.perTaskExecutor("pilot-test-cancelled-");
        CountDownLatch running = new CountDownLatch(1);
        AtomicBoolean taskInterrupted = new AtomicBoolean();
        executor.submit(() -> {
            running.countDown();
            try {
                new CountDownLatch(1).await(); // until cancelled
            } catch (InterruptedException e) {
                taskInterrupted.set(true);
            }
        });
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        Thread.currentThread().interrupt();
        Threads.close(executor);
        assertThat(Thread.interrupted()).as("the caller's interrupt is kept").isTrue();
        assertThat(taskInterrupted).isTrue();
        assertThat(executor.isTerminated()).isTrue();
    }

    /** {@code Thread.isVirtual()} exists from Java 21 on; the library is built for 17. */
    static boolean isVirtual(Thread thread) {
        return thread.getClass().getName().equals("java.lang.VirtualThread");
    }
}
