package dev.pilot.bench.reliability;

import dev.pilot.discovery.Backends;
import dev.pilot.discovery.Instance;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.testservers.TcpProxy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Runs one fault against one catalog: a {@link Fleet} heartbeats and watches through the
 * faultable path, an observer reads the catalog directly, the fault is injected and lifted, and
 * the figures are taken once every service is back (or the deadline passed); then the fleet keeps
 * heartbeating for {@code lostAfter} ({@link #LOST_AFTER} in the report) and the observer counts
 * the registrations missing at its end: a registration that came back but did not stay is lost.
 */
final class FaultRun {

    static final Duration DEADLINE = Duration.ofSeconds(60);
    /** How long after recovery the report's runs count lost registrations. */
    static final Duration LOST_AFTER = Duration.ofSeconds(60);
    private static final Duration CHECK_EVERY = Duration.ofMillis(100);

    private FaultRun() {}

    static FaultFigures run(FaultTarget target, FaultScenario scenario, int services, String prefix, Duration lostAfter) {
        Optional<String> cannot = target.cannot(scenario);
        if (cannot.isPresent()) {
            return FaultFigures.notInjected(target.backend(), scenario, cannot.get());
        }
        Backends backends = Backends.fromClassPath();
        try (ServiceBackend agent = backends.create(target.backend(), target.faultableConfig());
             ServiceBackend observer = backends.create(target.backend(), target.directConfig());
             Fleet fleet = new Fleet(agent, services, prefix)) {
            fleet.start();
            if (!until(DEADLINE, () -> registered(observer, fleet.services()) == services && fleet.everyWatchComplete())) {
                throw new IllegalStateException(target.backend() + ": the fleet did not register within " + DEADLINE);
            }
            long faultAt = System.nanoTime();
            long failedBefore = fleet.failedHeartbeats();
            TcpProxy proxy = target.proxy().orElse(null);
            inject(target, scenario, proxy);
            long restoredAt = System.nanoTime();
            long writesWhileCut = proxy == null || !scenario.isPartition() ? 0 : proxy.writesWhileCut();
            long connectsWhileCut = proxy == null || !scenario.isPartition() ? 0 : proxy.connectionsWhileCut();
            boolean recovered = until(DEADLINE, () -> registered(observer, fleet.services()) == services
                    && fleet.everyWatchComplete());
            long recoveredAt = System.nanoTime();
            long partial = fleet.deliveriesSince(faultAt).stream()
                    .filter(d -> d.nanos() <= recoveredAt && !d.complete()).count();
            long failed = fleet.failedHeartbeats() - failedBefore;
            pause(lostAfter); // the fleet heartbeats on: what is missing now did not stay
            int lost = services - registered(observer, fleet.services());
            return new FaultFigures(target.backend(), scenario, services, null,
                    recovered ? (recoveredAt - restoredAt) / 1e9 : Double.NaN, lost, lostAfter.toSeconds(), partial,
                    failed, writesWhileCut, connectsWhileCut);
        }
    }

    private static void inject(FaultTarget target, FaultScenario scenario, TcpProxy proxy) {
        switch (scenario) {
            case WIPED -> target.wipe();
            case SIGKILLED -> {
                target.kill();
                pause(scenario.hold());
                target.restart();
            }
            case FROZEN -> {
                target.freeze();
                try {
                    pause(scenario.hold());
                } finally {
                    target.thaw();
                }
            }
            case PARTITION_SHORT, PARTITION_LONG -> {
                proxy.cut();
                try {
                    pause(scenario.hold());
                } finally {
                    proxy.heal();
                }
            }
        }
    }

    /** How many of {@code services} the catalog holds, read by an independent client. */
    static int registered(ServiceBackend observer, List<ServiceDefinition> services) {
        int count = 0;
        for (ServiceDefinition service : services) {
            try {
                List<Instance> healthy = observer.instances(service.name(), "");
                if (healthy.stream().anyMatch(i -> i.id().equals(service.id()))) {
                    count++;
                }
            } catch (RuntimeException e) {
                // unreachable: not counted
            }
        }
        return count;
    }

    /** Checks {@code condition} every 100 ms until it holds or {@code deadline} passes. */
    static boolean until(Duration deadline, BooleanSupplier condition) {
        long end = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            LockSupport.parkNanos(CHECK_EVERY.toNanos());
        }
        return condition.getAsBoolean();
    }

    /** Holds a fault for its duration. */
    static void pause(Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        long left;
        while ((left = end - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
    }
}
