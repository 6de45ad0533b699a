package dev.pilot.bench.spring;

import static dev.pilot.bench.routing.RoundClock.awaitUntil;
import static dev.pilot.bench.routing.RoundClock.millis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

/**
 * One subject's rounds. The client sends a request to {@code http://target/} through its
 * {@code @LoadBalanced} RestClient every millisecond (bounded by the round's deadline); instance
 * {@code a} stays registered, instance {@code b} is registered and deregistered once per round:
 * <ul>
 *   <li>registration → first routed request: from just before {@code b}'s registration call to the
 *       arrival of the first request at {@code b};</li>
 *   <li>deregistration → last routed request: from just before the deregistration call to the
 *       arrival of the last request at {@code b} (0 when none came), once {@code b} has had no
 *       request for half a second; {@code b} keeps serving, so stale routing shows as requests.</li>
 * </ul>
 * A round that waits longer than the cap (45 s, beyond Spring Cloud LoadBalancer's 35 s cache)
 * counts as a timeout. Meanwhile the client's requests to its catalog are counted (the subject's
 * {@link CatalogRequests}): what keeping its routing fresh costs the catalog, per second.
 */
final class RoutingRound {

    private static final Duration QUIET = Duration.ofMillis(500);
    private static final Duration PACE = Duration.ofMillis(1);

    private final RoutingBench.Subject subject;
    private final int rounds;
    private final Duration cap;

    RoutingRound(RoutingBench.Subject subject, int rounds, Duration cap) {
        this.subject = subject;
        this.rounds = rounds;
        this.cap = cap;
    }

    RoundResult run() {
        List<Double> registration = new ArrayList<>();
        List<Double> deregistration = new ArrayList<>();
        List<Long> departed = new ArrayList<>();
        int timeouts = 0;
        AtomicLong sent = new AtomicLong();
        Double catalogPerSecond = null;
        try (Target a = new Target("target-a");
             Target b = new Target("target-b");
             Registrar registrar = subject.registrar().get()) {
            registrar.register(a.id, a.port());
            try (ConfigurableApplicationContext client = startClient()) {
                RestClient http = client.getBean(RestClient.Builder.class).build();
                AtomicBoolean running = new AtomicBoolean(true);
                long deadline = System.nanoTime() + cap.multipliedBy(2L * rounds + 2).toNanos();
                Thread load = Thread.ofVirtual().name("bench-spring-load").start(() -> {
                    while (running.get() && System.nanoTime() < deadline) {
                        try {
                            http.get().uri("http://" + RoutingBench.SERVICE + "/").retrieve().body(String.class);
                        } catch (RuntimeException e) {
                            // No instance yet, or a refused connection: keep sending.
                        }
                        sent.incrementAndGet();
                        LockSupport.parkNanos(PACE.toNanos());
                    }
                });
                long countedFrom = System.nanoTime();
                long catalogBefore = subject.catalog() == null ? 0 : subject.catalog().requests();
                try {
                    awaitUntil(() -> a.requests() > 0, cap);
                    for (int round = 0; round < rounds; round++) {
                        long t0 = System.nanoTime();
                        b.markFrom(t0);
                        registrar.register(b.id, b.port());
                        if (!awaitUntil(() -> b.firstSinceMark() != Long.MAX_VALUE, cap)) {
                            timeouts++;
                            registrar.deregister(b.id, b.port());
                            continue;
                        }
                        registration.add(millis(b.firstSinceMark() - t0));
                        long t1 = System.nanoTime();
                        b.markFrom(t1);
                        registrar.deregister(b.id, b.port());
                        boolean settled = awaitUntil(() -> System.nanoTime() - Math.max(b.lastArrival(), t1) > QUIET.toNanos(), cap);
                        if (!settled) {
                            timeouts++;
                        }
                        deregistration.add(b.requestsSinceMark() == 0 ? 0.0 : millis(Math.max(0, b.lastArrival() - t1)));
                        departed.add(b.requestsSinceMark());
                        System.out.printf("  %s round %d: registration %.1f ms, deregistration %.1f ms, %d requests to the departed%n",
                                subject.name(), round + 1, registration.getLast(), deregistration.getLast(), departed.getLast());
                    }
                } finally {
                    running.set(false);
                    load.join(Duration.ofSeconds(10));
                }
                if (subject.catalog() != null) {
                    double seconds = (System.nanoTime() - countedFrom) / 1e9;
                    catalogPerSecond = Math.round((subject.catalog().requests() - catalogBefore) / seconds * 10) / 10.0;
                }
            }
            registrar.deregister(a.id, a.port());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new RoundResult(subject.name(), subject.integration(), subject.backend(), rounds, registration,
                deregistration, departed, timeouts, sent.get(), catalogPerSecond);
    }

    private ConfigurableApplicationContext startClient() {
        List<String> properties = new ArrayList<>(List.of(
                "spring.application.name=bench-client",
                "spring.main.banner-mode=off",
                "logging.level.root=warn",
                "pilot.discovery.service.register=false",
                // A client only. Spring Cloud Consul's auto-registration also needs a web server's classes to start.
                "spring.cloud.service-registry.auto-registration.enabled=false"));
        Map<String, String> own = subject.clientProperties();
        if (!own.containsKey("spring.cloud.consul.enabled")) {
            properties.add("spring.cloud.consul.enabled=false");
        }
        if (!own.containsKey("spring.cloud.zookeeper.enabled")) {
            properties.add("spring.cloud.zookeeper.enabled=false");
        }
        own.forEach((key, value) -> properties.add(key + "=" + value));
        return new SpringApplicationBuilder(BenchClient.class)
                .web(WebApplicationType.NONE)
                .run(properties.stream().map(p -> "--" + p).toArray(String[]::new));
    }
}
