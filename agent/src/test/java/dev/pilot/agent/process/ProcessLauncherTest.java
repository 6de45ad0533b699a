package dev.pilot.agent.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

import dev.pilot.agent.config.Command;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a command starts: a virtual thread's on the spawning thread (so that no carrier waits in
 * the JDK's native start), a platform thread's in place; and what an interrupt does meanwhile.
 */
class ProcessLauncherTest {

    private final Environment environment = new Environment(Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin")));
    private final AtomicReference<Thread> spawningThread = new AtomicReference<>();
    /** One platform thread, like the agent's. */
    private final ThreadPoolExecutor spawner = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
        Thread thread = Thread.ofPlatform().name("test-spawn").unstarted(task);
        spawningThread.set(thread);
        return thread;
    });
    private final ProcessLauncher launcher = new ProcessLauncher(new ChildProcesses(), environment, spawner);

    @AfterEach
    void stopSpawner() throws InterruptedException {
        spawner.shutdownNow();
        assertTrue(spawner.awaitTermination(5, TimeUnit.SECONDS), "the test's spawning thread did not end");
    }

    @Test
    void aVirtualThreadsCommandIsStartedByTheSpawningThreadAPlatformThreadsInPlace() throws Exception {
        Process fromVirtual = onVirtualThread(() -> launcher.start(Command.of("true"), ProcessLauncher.Streams.PIPED)).get(10, TimeUnit.SECONDS);
        assertEquals(0, fromVirtual.waitFor());
        // tasks handed to the spawner, counted when handed over (the completed count grows only
        // after the task returned, a moment after the caller got its process)
        assertEquals(1, spawner.getTaskCount(), "a virtual thread's command must be started by the spawning thread");

        Process fromPlatform = launcher.start(Command.of("true"), ProcessLauncher.Streams.PIPED);
        assertEquals(0, fromPlatform.waitFor());
        assertEquals(1, spawner.getTaskCount(), "a platform thread's command is started in place");
    }

    @Test
    void anInterruptBeforeTheStartThrowsAndStartsNothing(@TempDir Path folder) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        spawner.submit(() -> release.await(10, TimeUnit.SECONDS)); // the command waits in the queue behind this
        Path trace = folder.resolve("started");
        CompletableFuture<Process> started = onVirtualThread(() -> launcher.start(Command.of("touch", trace.toString()), ProcessLauncher.Streams.PIPED));
        await("the start in the spawning thread's queue").until(() -> spawner.getQueue().size() == 1);
        interruptCaller(started);

        Throwable thrown = started.handle((process, failure) -> failure).get(10, TimeUnit.SECONDS);
        assertInstanceOf(InterruptedIOException.class, thrown);
        release.countDown();
        spawner.shutdown();
        assertTrue(spawner.awaitTermination(5, TimeUnit.SECONDS));
        assertFalse(Files.exists(trace), "a start the caller gave up on must not run");
    }

    @Test
    void anInterruptDuringTheStartKeepsTheProcessAndTheInterrupt() throws Exception {
        CompletableFuture<Boolean> interruptedAfter = new CompletableFuture<>();
        CompletableFuture<Process> started;
        // The start reads the environment under its lock: holding it stops the start under way.
        synchronized (environment) {
            started = onVirtualThread(() -> {
                Process process = launcher.start(Command.of("true"), ProcessLauncher.Streams.PIPED);
                interruptedAfter.complete(Thread.currentThread().isInterrupted());
                return process;
            });
            await("the start waiting for the environment")
                    .until(() -> spawningThread.get() != null && spawningThread.get().getState() == Thread.State.BLOCKED);
            interruptCaller(started);
        }
        Process process = started.get(10, TimeUnit.SECONDS);
        assertEquals(0, process.waitFor());
        assertTrue(interruptedAfter.get(10, TimeUnit.SECONDS), "the interrupt must be kept for the caller's next wait");
    }

    @FunctionalInterface
    private interface Start {
        Process run() throws Exception;
    }

    private final AtomicReference<Thread> caller = new AtomicReference<>();

    private CompletableFuture<Process> onVirtualThread(Start start) {
        CompletableFuture<Process> result = new CompletableFuture<>();
        caller.set(Thread.ofVirtual().start(() -> {
            try {
                result.complete(start.run());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }));
        return result;
    }

    private void interruptCaller(CompletableFuture<Process> started) {
        assertFalse(started.isDone(), "the start ended before the interrupt");
        caller.get().interrupt();
    }
}
