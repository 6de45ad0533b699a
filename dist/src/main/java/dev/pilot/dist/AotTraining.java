package dev.pilot.dist;

import dev.pilot.agent.Main;
import dev.pilot.agent.backend.InstalledBackends;
import dev.pilot.discovery.Backends;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The run that trains one of the tarball's AOT caches ({@code -XX:AOTCacheOutput}), at packaging
 * time and with the tarball's own runtime, so that every start, the first one included, finds the
 * agent's classes loaded and linked.
 *
 * <p>A JVM loads every JDK and agent class its cache holds as it starts, so a cache trained for
 * every backend made an agent on {@code local} load the HTTP client and the TLS classes the others
 * use. Each backend's folder holds a cache ({@code lib/backends/NAME/pilot.aot}), which
 * {@code bin/pilot} picks by the backend the configuration names; Consul and etcd, which load the
 * same JDK classes (the HTTP client), share one. This run trains the cache of the backends given as
 * its arguments: it creates each catalog among them ({@code consul}, {@code etcd}, {@code zookeeper})
 * against a server on 127.0.0.1 that refuses it and sends a heartbeat that fails (its client, codecs
 * and error paths); then it runs the agent itself on the {@code local} backend with a service that
 * watches itself: health check, registration, watch, {@code onChange}, and finally the SIGTERM
 * shutdown, after which the JVM exits and writes the cache. Nothing leaves the machine.
 *
 * <p>A backend is created as the agent creates it ({@link InstalledBackends}): from its own
 * folder {@code lib/backends/NAME/}, by a class loader of its own, so the cache holds its classes
 * as classes of such a loader, loaded only by an agent that uses that backend.
 *
 * <p>Usage: {@code java -XX:AOTCacheOutput=lib/backends/NAME/pilot.aot -Dpilot.backends=lib/backends -cp lib/pilot.jar dev.pilot.dist.AotTraining NAME...}
 */
public final class AotTraining {

    private static final Duration BACKEND_LIMIT = Duration.ofSeconds(10);
    private static final Duration AGENT_LIMIT = Duration.ofSeconds(30);

    private AotTraining() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length == 0 || !List.of("local", "consul", "etcd", "zookeeper").containsAll(List.of(args))) {
            System.err.println("usage: AotTraining local|consul|etcd|zookeeper... (the backends whose cache this run trains)");
            System.exit(2);
        }
        // as the agent's main does first: otherwise ZooKeeper's client configuration builds the
        // JDK's default TLS context, and every agent on ZooKeeper would load its classes from the cache
        Main.configureProcess();
        Path work = Files.createTempDirectory("pilot-aot-training");
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("aot-training-cleanup").unstarted(() -> delete(work)));
        for (String backend : args) {
            if (!backend.equals("local")) {
                exerciseCatalogBackend(backend);
            }
        }
        Path changed = work.resolve("changed");
        Path config = work.resolve("training.json");
        Files.writeString(config, trainingConfig(work.resolve("catalog"), changed));
        Thread.ofVirtual().name("aot-training-stop").start(() -> stopAfter(changed));
        Main.main(new String[] {"-config", config.toUri().toString()});
    }

    /**
     * The catalog backend {@code name} created, watching, sending one heartbeat that fails, closed:
     * Consul and etcd against an HTTP server on 127.0.0.1 that answers every request with 503 (so the
     * HTTP client's exchange and response classes are trained too), ZooKeeper against a closed port.
     */
    private static void exerciseCatalogBackend(String name) {
        try (ServerSocket unavailable = unavailableServer()) {
            exerciseCatalogBackend(name, switch (name) {
                case "consul" -> Map.of("address", "127.0.0.1:" + unavailable.getLocalPort(), "timeout", "1s");
                case "etcd" -> Map.of("endpoints", "http://127.0.0.1:" + unavailable.getLocalPort(), "timeout", "1s");
                default -> Map.of("address", "127.0.0.1:" + closedPort(), "connectionTimeout", "1s", "sessionTimeout", "2s");
            });
        } catch (IOException e) {
            // closing the server
        }
    }

    private static void exerciseCatalogBackend(String name, Map<String, Object> config) {
        Backends backends = InstalledBackends.find();
        ServiceDefinition service = new ServiceDefinition("training-1", "training", 8080, Duration.ofSeconds(10),
                List.of("aot"), "127.0.0.1");
        AtomicReference<LinkageError> broken = new AtomicReference<>();
        Thread run = Thread.ofVirtual().name("aot-training-" + name).start(() -> {
            try (ServiceBackend backend = backends.create(name, config)) {
                backend.watch("training", "", instances -> { }).cancel();
                backend.sendHeartbeat(service);
            } catch (RuntimeException expected) {
                // refused: the failure path is part of what is trained
            } catch (LinkageError e) {
                broken.set(e); // a class or module missing from the runtime
            }
        });
        try {
            if (!run.join(BACKEND_LIMIT)) {
                System.err.println("AOT training: " + run.getName() + " still running after " + BACKEND_LIMIT.toSeconds()
                        + " s; going on without it");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (broken.get() != null) {
            broken.get().printStackTrace();
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

    /**
     * Templated as configurations usually are (an environment variable with a default), so the
     * template's classes are trained too; the service's address found as ContainerPilot's default
     * finds it (an interface by name, eth0), or 127.0.0.1 where there is no eth0.
     */
    private static String trainingConfig(Path catalog, Path changed) {
        return """
                {
                  "local": "%s",
                  "logging": {"level": "INFO", "format": "default", "output": "stdout"},
                  "services": [{"name": "{{ .PILOT_AOT_TRAINING | default "training" }}", "port": 8080, "health": "true", "poll": 1, "ttl": 5,
                                "interfaces": ["eth0:inet", "static:127.0.0.1"], "tags": ["aot"]}],
                  "backends": [{"name": "training", "poll": 5, "onChange": ["touch", "%s"]}]
                }
                """.formatted(catalog, changed);
    }

    /**
     * An HTTP server on 127.0.0.1 whose every answer is 503 with a small JSON body: a socket and a
     * thread, not the JDK's HTTP server, whose classes would otherwise be in the cache and loaded
     * by every agent.
     */
    private static ServerSocket unavailableServer() {
        try {
            ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread.ofVirtual().name("aot-training-503").start(() -> answerUnavailable(server));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("AOT training: no HTTP server on 127.0.0.1", e);
        }
    }

    private static void answerUnavailable(ServerSocket server) {
        byte[] body = "{\"error\": \"AOT training\"}".getBytes(StandardCharsets.UTF_8);
        byte[] head = ("HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        while (!server.isClosed()) {
            try (Socket connection = server.accept()) {
                connection.setSoTimeout(1000);
                readHead(connection.getInputStream());
                connection.getOutputStream().write(head);
                connection.getOutputStream().write(body);
            } catch (IOException e) {
                // closed, or a client that went away: the next one
            }
        }
    }

    /** Reads a request up to the blank line that ends its head (the training's requests have no body worth reading). */
    private static void readHead(InputStream in) throws IOException {
        int matched = 0;
        for (int b = in.read(); b >= 0; b = in.read()) {
            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) {
                return;
            }
        }
    }

    private static void delete(Path folder) {
        try (var files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind
        }
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("AOT training: no free port on 127.0.0.1", e);
        }
    }
}
