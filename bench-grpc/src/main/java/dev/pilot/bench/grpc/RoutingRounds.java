package dev.pilot.bench.grpc;

import static dev.pilot.bench.routing.RoundClock.awaitUntil;
import static dev.pilot.bench.routing.RoundClock.millis;

import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.discovery.grpc.PilotServerRegistration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One subject's routing rounds. A client channel (round robin) sends a call every millisecond;
 * server {@code a} stays registered (with heartbeats); server {@code b} is registered and
 * deregistered once per round, and keeps serving throughout, so late routing shows as calls:
 * <ul>
 *   <li>registration → first routed RPC: from just before {@code b}'s registration to the
 *       arrival of the first call at {@code b};</li>
 *   <li>deregistration → last routed RPC: from just before the deregistration to the arrival of
 *       the last call at {@code b} (0 when none came), once {@code b} had none for half a second.</li>
 * </ul>
 * A round that waits past the cap counts as a timeout.
 */
final class RoutingRounds {

    static final String SERVICE = "target";
    private static final Duration QUIET = Duration.ofMillis(500);

    private RoutingRounds() {}

    static RoutingResult run(Subject subject, int rounds, Duration cap) throws Exception {
        List<Double> registration = new ArrayList<>();
        List<Double> deregistration = new ArrayList<>();
        List<Long> departed = new ArrayList<>();
        int timeouts = 0;
        try (ServiceBackend registrar = subject.registrar().get();
             CountingServer a = new CountingServer("target-a");
             CountingServer b = new CountingServer("target-b")) {
            PilotServerRegistration aRegistration = PilotServerRegistration.builder(registrar, a.server, SERVICE)
                    .id(a.id).address("127.0.0.1").start();
            ServiceDefinition bDefinition = new ServiceDefinition(b.id, SERVICE, b.port(), Duration.ofSeconds(60),
                    List.of(), "127.0.0.1");
            try (Subject.Client client = subject.client().open(SERVICE);
                 Load load = Load.start(client.channel(), 1, Duration.ofMillis(1), cap.multipliedBy(2L * rounds + 2))) {
                awaitUntil(() -> a.total() > 0, cap);
                for (int round = 0; round < rounds; round++) {
                    long t0 = System.nanoTime();
                    b.markFrom(t0);
                    registrar.sendHeartbeat(bDefinition);
                    if (!awaitUntil(() -> b.firstSinceMark() != Long.MAX_VALUE, cap)) {
                        timeouts++;
                        registrar.deregister(bDefinition);
                        continue;
                    }
                    registration.add(millis(b.firstSinceMark() - t0));
                    long t1 = System.nanoTime();
                    b.markFrom(t1);
                    registrar.deregister(bDefinition);
                    if (!awaitUntil(() -> System.nanoTime() - Math.max(b.lastArrival(), t1) > QUIET.toNanos(), cap)) {
                        timeouts++;
                    }
                    deregistration.add(b.sinceMark() == 0 ? 0.0 : millis(Math.max(0, b.lastArrival() - t1)));
                    departed.add(b.sinceMark());
                    System.out.printf("  %s round %d: registration %.1f ms, deregistration %.1f ms, %d calls to the departed%n",
                            subject.name(), round + 1, registration.get(registration.size() - 1),
                            deregistration.get(deregistration.size() - 1), departed.get(departed.size() - 1));
                }
            } finally {
                aRegistration.shutdown(Duration.ZERO);
            }
        }
        return new RoutingResult(subject.name(), subject.integration(), subject.backend(), rounds, registration,
                deregistration, departed, timeouts);
    }
}
