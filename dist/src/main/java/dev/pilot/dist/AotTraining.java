package dev.pilot.dist;

import dev.pilot.agent.Main;
import dev.pilot.discovery.Backends;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * The run that trains the tarball's AOT cache ({@code -XX:AOTCacheOutput}), at packaging time
 * and with the tarball's own runtime, so that every start, the first one included, finds the
 * agent's classes loaded and linked.
 *
 * <p>One JVM writes one cache, so this run covers what a start of any backend loads: it creates
 * the {@code consul}, {@code etcd} and {@code zookeeper} backends against a closed port on
 * 127.0.0.1 and sends a heartbeat that fails (their clients, codecs and error paths), then runs
 * the agent itself on the {@code local} backend with a service that watches itself: health
 * check, registration, watch, {@code onChange}, and finally the SIGTERM shutdown, after which the
 * JVM exits and writes the cache. Nothing leaves the machine.
 *
 * <p>Usage: {@code java -XX:AOTCacheOutput=pilot.aot -cp pilot.jar dev.pilot.dist.AotTraining}
 */
public final class AotTraining {

    private static final Duration BACKEND_LIMIT = Duration.ofSeconds(10);
    private static final Duration AGENT_LIMIT = Duration.ofSeconds(30);

    private AotTraining() {}

    public static void main(String[] args) throws IOException {
        Path work = Files.createTempDirectory("pilot-aot-training");
        exerciseCatalogBackends();
        Path changed = work.resolve("changed");
        Path config = work.resolve("training.json");
        Files.writeString(config, trainingConfig(work.resolve("catalog"), changed));
        Thread.ofVirtual().name("aot-training-stop").start(() -> stopAfter(changed));
        Main.main(new String[] {"-config", config.toUri().toString()});
    }

    /** Each catalog backend against a port nobody listens on: created, one heartbeat refused, closed. */
    private static void exerciseCatalogBackends() {
        int port = closedPort();
        Map<String, Object> configs = Map.of(
                "consul", Map.of("address", "127.0.0.1:" + port, "timeout", "1s"),
                "etcd", Map.of("endpoints", "http://127.0.0.1:" + port, "timeout", "1s"),
                "zookeeper", Map.of("address", "127.0.0.1:" + port, "connectionTimeout", "1s", "sessionTimeout", "2s"));
        Queue<Throwable> broken = new ConcurrentLinkedQueue<>();
        Backends backends = Backends.fromClassPath();
        ServiceDefinition service = new ServiceDefinition("training-1", "training", 8080, Duration.ofSeconds(10),
                List.of("aot"), "127.0.0.1");
        List<Thread> runs = new ArrayList<>();
        configs.forEach((name, raw) -> runs.add(Thread.ofVirtual().name("aot-training-" + name).start(() -> {
            try (ServiceBackend backend = backends.create(name, raw)) {
                backend.watch("training", "", instances -> { }).cancel();
                backend.sendHeartbeat(service);
            } catch (RuntimeException expected) {
                // the port is closed: the failure path is part of what is trained
            } catch (LinkageError e) {
                broken.add(e); // a class or module missing from the runtime
            }
        })));
        Instant deadline = Instant.now().plus(BACKEND_LIMIT);
        for (Thread run : runs) {
            try {
                if (!run.join(Duration.between(Instant.now(), deadline).isNegative() ? Duration.ZERO
                        : Duration.between(Instant.now(), deadline))) {
                    System.err.println("AOT training: " + run.getName() + " still running after " + BACKEND_LIMIT.toSeconds()
                            + " s; going on without it");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (!broken.isEmpty()) {
            broken.forEach(Throwable::printStackTrace);
            System.exit(1);
        }
    }

    /** Sends this process SIGTERM once onChange has run (or the limit passed): the agent's own shutdown. */
    private static void stopAfter(Path changed) {
        Instant deadline = Instant.now().plus(AGENT_LIMIT);
        while (!Files.exists(changed) && Instant.now().isBefore(deadline)) {
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        LockSupport.parkNanos(Duration.ofSeconds(1).toNanos()); // a heartbeat and a watch round more
        try {
            new ProcessBuilder("kill", "-TERM", Long.toString(ProcessHandle.current().pid())).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException("AOT training: cannot signal the agent", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String trainingConfig(Path catalog, Path changed) {
        return """
                {
                  "local": "%s",
                  "logging": {"level": "INFO", "format": "default", "output": "stdout"},
                  "services": [{"name": "training", "port": 8080, "health": "true", "poll": 1, "ttl": 5,
                                "interfaces": ["static:127.0.0.1"], "tags": ["aot"]}],
                  "backends": [{"name": "training", "poll": 5, "onChange": ["touch", "%s"]}]
                }
                """.formatted(catalog, changed);
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("AOT training: no free port on 127.0.0.1", e);
        }
    }
}
