package dev.pilot.bench.grpc;

import dev.pilot.bench.routing.RoundClock;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.grpc.PilotServerRegistration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A rolling restart of three servers under a steady stream of calls (two senders, one call per
 * millisecond each): each server in turn shuts down through {@link PilotServerRegistration#shutdown}
 * (deregister, wait for the change, drain, stop) and a replacement starts on a new port and
 * registers; the next one goes once the replacement takes calls. Counts the failed calls.
 */
final class RollingRestart {

    static final String SERVICE = "rolling";

    private RollingRestart() {}

    static RestartResult run(Subject subject, Duration cap) throws Exception {
        List<CountingServer> servers = new ArrayList<>();
        List<PilotServerRegistration> registrations = new ArrayList<>();
        long started = System.nanoTime();
        try (ServiceBackend registrar = subject.registrar().get()) {
            for (int i = 0; i < 3; i++) {
                CountingServer server = new CountingServer("rolling-" + i);
                servers.add(server);
                registrations.add(register(registrar, server));
            }
            try (Subject.Client client = subject.client().open(SERVICE);
                 Load load = Load.start(client.channel(), 2, Duration.ofMillis(1), cap.multipliedBy(8))) {
                RoundClock.awaitUntil(() -> servers.stream().allMatch(server -> server.total() > 0), cap);
                load.countFailures();
                for (int i = 0; i < 3; i++) {
                    registrations.get(i).shutdown(Duration.ofSeconds(10));
                    CountingServer replacement = new CountingServer("rolling-" + i + "-new");
                    servers.add(replacement);
                    registrations.add(register(registrar, replacement));
                    if (!RoundClock.awaitUntil(() -> replacement.total() > 0, cap)) {
                        System.out.printf("  %s: replacement %d took no call within %s%n", subject.name(), i, cap);
                    }
                }
                long answered = load.answered();
                long failed = load.failed();
                load.close();
                double seconds = (System.nanoTime() - started) / 1e9;
                System.out.printf("  %s rolling restart: %d calls answered, %d failed, %.1f s%n",
                        subject.name(), answered, failed, seconds);
                return new RestartResult(subject.name(), subject.integration(), subject.backend(), answered, failed, seconds);
            } finally {
                for (PilotServerRegistration registration : registrations) {
                    registration.shutdown(Duration.ZERO);
                }
                servers.forEach(CountingServer::close);
            }
        }
    }

    private static PilotServerRegistration register(ServiceBackend registrar, CountingServer server) {
        return PilotServerRegistration.builder(registrar, server.server, SERVICE)
                .id(server.id).address("127.0.0.1").health(server.health).start();
    }
}
