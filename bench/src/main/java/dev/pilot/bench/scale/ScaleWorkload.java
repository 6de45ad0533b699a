package dev.pilot.bench.scale;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pilot.discovery.Backends;
import dev.pilot.discovery.Instance;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.discovery.Watch;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The process the scale benchmark measures: one Pilot backend with {@code services} services,
 * each heartbeating every half TTL on its own virtual thread (as an agent does), and
 * {@code upstreams} watched upstreams, for a bounded time.
 *
 * <p>It registers one service, then the others, then starts one watch, then the others, and takes
 * its memory ({@link WorkloadMemory}) after each step, so what one more service and one more
 * watch cost can be told apart from the classes the first of each loads. Then it prints {@code ready} and runs; the last upstream's listener prints
 * {@code +<id> <nanoTime>} when an instance whose id starts with {@code probe-} appears and
 * {@code -<id> <nanoTime>} when it leaves, so the benchmark ({@link ChangeProbes}) can time a
 * change written by the server's own client. The heartbeats go on for {@code seconds} after
 * {@code ready} and until the benchmark closes this process's standard input (its probes are
 * done; at most {@link #PROBES_AT_MOST} more), so a probe never outlives the listener it waits
 * for. The {@link ScaleOutcome} is the last line, as JSON.
 *
 * <p>Usage: {@code ScaleWorkload <backend> <raw config as JSON> <services> <upstreams> <seconds> <ttl seconds>}
 */
public final class ScaleWorkload {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int REGISTERING_THREADS = 8;
    private static final Duration FIRST_SETS = Duration.ofSeconds(120);
    /** How long past its length the run waits for the benchmark's probes to end (its standard input to close). */
    static final Duration PROBES_AT_MOST = Duration.ofMinutes(3);

    private ScaleWorkload() {}

    /** The name of upstream (and service) {@code index}. */
    static String name(int index) {
        return "scale-" + index;
    }

    public static void main(String[] args) throws Exception {
        String backendName = args[0];
        Object config = JSON.readValue(args[1], Object.class);
        int services = Integer.parseInt(args[2]);
        int upstreams = Integer.parseInt(args[3]);
        Duration length = Duration.ofSeconds(Long.parseLong(args[4]));
        Duration ttl = Duration.ofSeconds(Long.parseLong(args[5]));
        ScaleOutcome outcome = run(backendName, config, services, upstreams, length, ttl);
        System.out.println(JSON.writeValueAsString(outcome));
        System.exit(0);
    }

    static ScaleOutcome run(String backendName, Object config, int count, int upstreams, Duration length, Duration ttl)
            throws InterruptedException {
        AtomicLong heartbeats = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        AtomicLong late = new AtomicLong();
        AtomicLong maxGapNanos = new AtomicLong();
        AtomicLong deliveries = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>("");
        List<MemoryPoint> memory = new ArrayList<>();
        int port = ScaleRun.serverPort(config);
        long self = ProcessHandle.current().pid();
        int connections = -1;
        try (ServiceBackend backend = Backends.fromClassPath().create(backendName, config)) {
            List<ServiceDefinition> services = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                services.add(new ServiceDefinition(name(i) + "-1", name(i), 10_000 + i, ttl, List.of(), "127.0.0.1"));
            }
            // The first service and the first watch load the classes they need: the marginal cost is what the others add.
            registerAll(backend, services.subList(0, 1), failures, firstFailure);
            memory.add(WorkloadMemory.take("one service"));
            registerAll(backend, services.subList(1, services.size()), failures, firstFailure);
            memory.add(WorkloadMemory.take("services"));
            CountDownLatch firstSet = new CountDownLatch(1);
            CountDownLatch firstSets = new CountDownLatch(upstreams);
            List<Watch> watches = new ArrayList<>();
            for (int i = 0; i < upstreams; i++) {
                boolean probed = i == upstreams - 1;
                Set<String> probes = new HashSet<>();
                AtomicBoolean first = new AtomicBoolean(true);
                watches.add(backend.watch(name(i), "", healthy -> {
                    long now = System.nanoTime();
                    deliveries.incrementAndGet();
                    if (first.getAndSet(false)) {
                        firstSets.countDown();
                        firstSet.countDown();
                    }
                    if (probed) {
                        report(probes, healthy, now);
                    }
                }));
                if (i == 0) {
                    firstSet.await(FIRST_SETS.toSeconds(), TimeUnit.SECONDS);
                    memory.add(WorkloadMemory.take("one watch"));
                }
            }
            firstSets.await(FIRST_SETS.toSeconds(), TimeUnit.SECONDS);
            memory.add(WorkloadMemory.take("watches"));
            connections = connectionsNow(self, port, connections);
            System.out.println("ready");
            AtomicBoolean probesDone = new AtomicBoolean();
            Thread.ofVirtual().name("scale-probes-done").start(() -> awaitEndOfInput(probesDone));
            long end = System.nanoTime() + length.toNanos();
            long endAtMost = end + PROBES_AT_MOST.toNanos();
            long every = ttl.toNanos() / 2;
            List<Thread> threads = new ArrayList<>();
            for (ServiceDefinition service : services) {
                threads.add(Thread.ofVirtual().name("scale-heartbeat-" + service.id()).start(() -> {
                    LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(every)); // spread the beats
                    long last = System.nanoTime();
                    long next = last;
                    while (next < end || (!probesDone.get() && next < endAtMost)) {
                        LockSupport.parkNanos(next - System.nanoTime());
                        try {
                            backend.sendHeartbeat(service);
                            long now = System.nanoTime();
                            heartbeats.incrementAndGet();
                            long gap = now - last;
                            maxGapNanos.accumulateAndGet(gap, Math::max);
                            if (gap > ttl.toNanos()) {
                                late.incrementAndGet();
                            }
                            last = now;
                        } catch (RuntimeException e) {
                            failures.incrementAndGet();
                            firstFailure.compareAndSet("", String.valueOf(e.getMessage()));
                        }
                        next += every;
                    }
                }));
            }
            for (Thread thread : threads) {
                thread.join();
            }
            memory.add(WorkloadMemory.take("end"));
            connections = connectionsNow(self, port, connections);
            var nativeEnd = WorkloadMemory.nativeCategoriesKb();
            watches.forEach(Watch::cancel);
            for (ServiceDefinition service : services) {
                try {
                    backend.deregister(service);
                } catch (RuntimeException e) {
                    // expires with its TTL
                }
            }
            return new ScaleOutcome(heartbeats.get(), failures.get(), late.get(), maxGapNanos.get() / 1_000_000,
                    deliveries.get(), firstFailure.get(), memory, nativeEnd, connections);
        }
    }

    /** Sets {@code done} once standard input ends (closed by the benchmark, or never opened). */
    private static void awaitEndOfInput(AtomicBoolean done) {
        try {
            while (System.in.read() >= 0) {
                // the benchmark writes nothing; only the end counts
            }
        } catch (IOException e) {
            // an input that cannot be read has ended too
        }
        done.set(true);
    }

    /** The larger of {@code most} and the connections this process holds to {@code port} now; -1 without a server. */
    private static int connectionsNow(long self, int port, int most) {
        return port > 0 ? Math.max(most, ProcessGauges.connections(self, port)) : -1;
    }

    /** The first heartbeat of each service, {@value #REGISTERING_THREADS} at a time: the registrations. */
    private static void registerAll(ServiceBackend backend, List<ServiceDefinition> services, AtomicLong failures,
                                    AtomicReference<String> firstFailure) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < REGISTERING_THREADS; t++) {
            int first = t;
            threads.add(Thread.ofVirtual().name("scale-register-" + t).start(() -> {
                for (int i = first; i < services.size(); i += REGISTERING_THREADS) {
                    try {
                        backend.sendHeartbeat(services.get(i));
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                        firstFailure.compareAndSet("", String.valueOf(e.getMessage()));
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }

    /** Prints the probe instances that appeared in or left {@code healthy} since the last call. */
    private static void report(Set<String> probes, List<Instance> healthy, long nanos) {
        Set<String> now = new HashSet<>();
        for (Instance instance : healthy) {
            if (instance.id().startsWith(ChangeProbes.PREFIX)) {
                now.add(instance.id());
            }
        }
        StringBuilder lines = new StringBuilder();
        for (String id : now) {
            if (!probes.contains(id)) {
                lines.append('+').append(id).append(' ').append(nanos).append('\n');
            }
        }
        for (String id : probes) {
            if (!now.contains(id)) {
                lines.append('-').append(id).append(' ').append(nanos).append('\n');
            }
        }
        probes.clear();
        probes.addAll(now);
        if (!lines.isEmpty()) {
            System.out.print(lines);
            System.out.flush();
        }
    }
}
