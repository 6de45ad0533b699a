package dev.pilot.bench.agent;

import dev.pilot.bench.catalog.ViewListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Sees the agent's {@code onChange} command run: the command appends a line to a file, and a
 * {@link WatchService} on the file's folder reports each write, as a view without contents.
 * {@link #start} returns once the agent ran onChange for the first time (at start, since the
 * upstream has instances), so the agent is up before the changes begin.
 */
public final class OnChangeWatch implements AutoCloseable {

    private static final Duration FIRST_RUN_DEADLINE = Duration.ofSeconds(30);

    private final Path directory;
    private final WatchService events;
    private final AgentProcess agent;
    private final Thread thread;
    private final CountDownLatch firstRun = new CountDownLatch(1);

    private OnChangeWatch(Path jar, String backend, Object backendConfig, String upstream, ViewListener listener)
            throws IOException {
        this.directory = Files.createTempDirectory("pilot-bench-onchange");
        Path file = directory.resolve("changes");
        this.events = directory.getFileSystem().newWatchService();
        directory.register(events, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
        this.thread = Thread.ofPlatform().daemon().name("bench-onchange-watch").start(() -> run(file, listener));
        Map<String, Object> config = Map.of(backend, backendConfig, "backends", List.of(Map.of("name", upstream,
                "poll", 5, "onChange", List.of("/bin/sh", "-c", "echo changed >> '" + file + "'"))));
        this.agent = AgentProcess.start(jar, AgentLaunch.FLAGS, config, Duration.ofMinutes(30));
    }

    /** Starts an agent watching {@code upstream} on {@code backend}; returns once its onChange first ran. */
    public static OnChangeWatch start(Path jar, String backend, Object backendConfig, String upstream, ViewListener listener) {
        OnChangeWatch watch;
        try {
            watch = new OnChangeWatch(jar, backend, backendConfig, upstream, listener);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch the agent's onChange output", e);
        }
        try {
            if (!watch.firstRun.await(FIRST_RUN_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
                String output = watch.agent.outputTail();
                watch.close();
                throw new IllegalStateException("the agent did not run onChange within " + FIRST_RUN_DEADLINE.toSeconds()
                        + " s: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            watch.close();
            throw new IllegalStateException("interrupted", e);
        }
        return watch;
    }

    private void run(Path file, ViewListener listener) {
        try {
            while (true) {
                WatchKey key = events.take();
                long arrival = System.nanoTime();
                boolean ours = false;
                for (WatchEvent<?> event : key.pollEvents()) {
                    ours |= file.getFileName().equals(event.context());
                }
                key.reset();
                if (ours) {
                    firstRun.countDown();
                    listener.onView(arrival, null);
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed
        }
    }

    @Override
    public void close() {
        agent.close();
        try {
            events.close();
        } catch (IOException e) {
            // closing anyway
        }
        thread.interrupt();
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind
        }
    }
}
