package dev.pilot.bench.idle;

import dev.pilot.bench.RunContext;
import dev.pilot.bench.agent.AgentLaunch;
import dev.pilot.bench.agent.AgentProcess;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.discovery.Watch;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/** The clients that idle: Pilot's library, and the agent. */
final class IdleClients {

    private IdleClients() {}

    /** An idling client; closing it stops it. */
    interface Running extends AutoCloseable {
        /** Why the client is not doing its work (it exited), if it is not. */
        Optional<String> failure();
    }

    /** Starts a client with 10 watches and, with {@code heartbeats}, 3 heartbeating services. */
    @FunctionalInterface
    interface Factory {
        Running start(RunContext context, String backend, Object config, String prefix, boolean heartbeats);
    }

    /** One backend object, 10 watches, 3 services heartbeating on a virtual thread. */
    static Running library(RunContext context, String backend, Object config, String prefix, boolean heartbeats) {
        ServiceBackend pilot = context.createPilotBackend(backend, config).orElseThrow();
        List<Watch> watches = new ArrayList<>();
        for (int i = 0; i < IdleLoad.UPSTREAMS; i++) {
            watches.add(pilot.watch(prefix + "up" + i, "", healthy -> { }));
        }
        List<ServiceDefinition> services = new ArrayList<>();
        for (int i = 0; heartbeats && i < IdleLoad.SERVICES; i++) {
            services.add(new ServiceDefinition(prefix + "svc" + i + "-1", prefix + "svc" + i, 8000 + i, IdleLoad.TTL,
                    List.of(), "127.0.0.1"));
        }
        long end = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        AtomicBoolean stopped = new AtomicBoolean();
        Thread loop = Thread.ofVirtual().name("bench-idle-heartbeats-" + backend).start(() -> {
            while (!stopped.get() && System.nanoTime() < end) {
                services.forEach(pilot::sendHeartbeat);
                LockSupport.parkNanos(IdleLoad.HEARTBEAT_EVERY.toNanos());
            }
        });
        return new Running() {
            @Override
            public Optional<String> failure() {
                return Optional.empty();
            }

            @Override
            public void close() throws InterruptedException {
                stopped.set(true);
                loop.interrupt();
                loop.join();
                watches.forEach(Watch::cancel);
                services.forEach(pilot::deregister);
                pilot.close();
            }
        };
    }

    /** The agent: 10 upstreams with an onChange command and, with {@code heartbeats}, 3 services without a health command. */
    static Running agent(Path jar, String backend, Object config, String prefix, boolean heartbeats) {
        List<Map<String, Object>> services = new ArrayList<>();
        for (int i = 0; heartbeats && i < IdleLoad.SERVICES; i++) {
            services.add(Map.of("name", prefix + "svc" + i, "port", 8000 + i,
                    "poll", IdleLoad.HEARTBEAT_EVERY.toSeconds(), "ttl", IdleLoad.TTL.toSeconds()));
        }
        List<Map<String, Object>> upstreams = new ArrayList<>();
        for (int i = 0; i < IdleLoad.UPSTREAMS; i++) {
            upstreams.add(Map.of("name", prefix + "up" + i, "poll", IdleLoad.HEARTBEAT_EVERY.toSeconds(),
                    "onChange", List.of("true")));
        }
        AgentProcess agent = AgentProcess.start(jar, AgentLaunch.FLAGS,
                Map.of(backend, config, "services", services, "backends", upstreams), Duration.ofMinutes(30));
        return new Running() {
            @Override
            public Optional<String> failure() {
                return agent.isAlive() ? Optional.empty() : Optional.of("the agent exited: " + agent.outputTail());
            }

            @Override
            public void close() {
                agent.close();
            }
        };
    }
}
