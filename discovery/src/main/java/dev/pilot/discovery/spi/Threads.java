package dev.pilot.discovery.spi;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The library's background threads: virtual threads where the runtime has them (Java 21 and
 * later), named daemon platform threads where it does not (Java 17). The library is built for
 * Java 17, so it reaches {@code Thread.ofVirtual()} and {@code Executors.newThreadPerTaskExecutor}
 * through method handles, looked up once; everything else is Java 17 API. Either way a thread
 * is named as asked and never keeps the JVM alive; stopping it stays the owner's job.
 *
 * <p>Thread-safe.
 */
public final class Threads {

    /** Makes unnamed virtual threads; empty on a runtime without them. */
    private static final Optional<ThreadFactory> VIRTUAL = virtualFactory();
    /** {@code Executors.newThreadPerTaskExecutor(ThreadFactory)}, present with virtual threads. */
    private static final Optional<MethodHandle> PER_TASK = perTaskHandle();
    /** Platform workers of {@link #perTaskExecutor} end after this long without a task. */
    private static final long IDLE_SECONDS = 1;

    private Threads() {
    }

    /** Whether the runtime has virtual threads, and the library's threads are virtual. */
    public static boolean virtual() {
        return VIRTUAL.isPresent();
    }

    /** A thread named {@code name} running {@code task}, not started yet. */
    public static Thread unstarted(String name, Runnable task) {
        Thread thread = VIRTUAL.map(factory -> factory.newThread(task)).orElseGet(() -> platform(task));
        thread.setName(name);
        return thread;
    }

    /** Starts {@code task} on a thread named {@code name}. */
    public static Thread start(String name, Runnable task) {
        Thread thread = unstarted(name, task);
        thread.start();
        return thread;
    }

    /** A factory of threads named {@code prefix} followed by 0, 1, 2, … */
    public static ThreadFactory factory(String prefix) {
        AtomicLong next = new AtomicLong();
        return task -> unstarted(prefix + next.getAndIncrement(), task);
    }

    /**
     * A platform daemon thread named {@code name} running {@code task}, not started yet: for work
     * that should hold a carrier of its own on every runtime (a {@code WatchService} poll, a
     * library's scheduler).
     */
    public static Thread daemon(String name, Runnable task) {
        Thread thread = platform(task);
        thread.setName(name);
        return thread;
    }

    /** A factory of platform daemon threads named {@code prefix} followed by 0, 1, 2, … */
    public static ThreadFactory daemonFactory(String prefix) {
        AtomicLong next = new AtomicLong();
        return task -> daemon(prefix + next.getAndIncrement(), task);
    }

    /**
     * An executor that runs each task on a new thread from {@link #factory(String) factory(prefix)}:
     * {@code Executors.newThreadPerTaskExecutor} with virtual threads; without them, an unbounded
     * pool whose idle platform threads end after a second. Stop it with {@link #close}.
     */
    public static ExecutorService perTaskExecutor(String prefix) {
        ThreadFactory factory = factory(prefix);
        if (PER_TASK.isPresent()) {
            try {
                return (ExecutorService) PER_TASK.get().invoke(factory);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException("Executors.newThreadPerTaskExecutor failed", e);
            }
        }
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, IDLE_SECONDS, TimeUnit.SECONDS, new SynchronousQueue<>(),
                factory);
    }

    /**
     * What {@code ExecutorService.close()} does on Java 19 and later: shuts {@code executor} down
     * and waits for its tasks to end; if interrupted meanwhile, cancels them ({@code shutdownNow}),
     * keeps waiting, and restores the interrupt.
     */
    public static void close(ExecutorService executor) {
        executor.shutdown();
        boolean interrupted = false;
        while (!executor.isTerminated()) {
            try {
                executor.awaitTermination(1, TimeUnit.DAYS);
            } catch (InterruptedException e) {
                if (!interrupted) {
                    executor.shutdownNow();
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread platform(Runnable task) {
        Thread thread = new Thread(task);
        thread.setDaemon(true);
        return thread;
    }

    private static Optional<ThreadFactory> virtualFactory() {
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Class<?> builder = Class.forName("java.lang.Thread$Builder$OfVirtual");
            Object ofVirtual = lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(builder)).invoke();
            MethodHandle factory = lookup.findVirtual(Class.forName("java.lang.Thread$Builder"), "factory",
                    MethodType.methodType(ThreadFactory.class));
            return Optional.of((ThreadFactory) factory.invoke(ofVirtual));
        } catch (Throwable e) {
            // Java 17 and 18 have no Thread.ofVirtual; 19 and 20 refuse it unless previews are on.
            return Optional.empty();
        }
    }

    private static Optional<MethodHandle> perTaskHandle() {
        if (VIRTUAL.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(MethodHandles.publicLookup().findStatic(Executors.class, "newThreadPerTaskExecutor",
                    MethodType.methodType(ExecutorService.class, ThreadFactory.class)));
        } catch (ReflectiveOperationException e) {
            return Optional.empty();
        }
    }
}
