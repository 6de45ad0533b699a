package dev.pilot.bench.reliability;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pilot.bench.catalog.RawDocuments;
import dev.pilot.discovery.Backends;
import dev.pilot.discovery.DiscoveryException;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fuzzes what each catalog hands Pilot: documents mutated from the one Pilot itself stored (fields
 * replaced by hostile values, dropped or added; bytes flipped, cut or inserted; random bytes) are
 * written with the server's own client ({@link RawDocuments}, the benchmarks' raw clients), a batch at a time, then read by
 * Pilot ({@code instances} and {@code checkForUpstreamChanges}). Only a {@link DiscoveryException}
 * may escape, within 10 s. Seeded, so a failure can be replayed.
 */
final class PayloadFuzz {

    /**
     * What a run saw.
     *
     * @param escapes the first {@value #LISTED} escapes, described
     * @param escaped every escape counted (hangs included), listed or not
     */
    record Result(String backend, long cases, long refusedByServer, long reads, long discoveryErrors,
                  List<String> escapes, double seconds, long seed, long escaped) {

        /** Every escape: {@code escaped}, or the listed ones in figures stored before it was counted. */
        long allEscapes() {
            return Math.max(escaped, escapes.size());
        }
    }

    /** Escapes described one by one; every escape is counted. */
    static final int LISTED = 20;

    private static final int BATCH = 50;
    private static final Duration READ_DEADLINE = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Object[] HOSTILE = {"", " ", "a/b", "../x", "a\u0000b", "\uD800", "x".repeat(5_000), -1, 0, 65536,
            8080.5, 1e30, new BigInteger("18446744073709559696"), Long.MAX_VALUE, true, null, List.of(), java.util.Arrays.asList(1, "a", null),
            Map.of("x", List.of()), "127.0.0.1", "::1", "999.1.1.1", "fz", List.of("", "a"), Map.of("k", 1)};

    private PayloadFuzz() {}

    static Result run(FaultTarget target, long cases, long seed) {
        Random random = new Random(seed);
        String service = "fz";
        long started = System.nanoTime();
        long refused = 0;
        long reads = 0;
        long discoveryErrors = 0;
        List<String> escapes = new ArrayList<>();
        long escaped = 0;
        ExecutorService reader = Executors.newVirtualThreadPerTaskExecutor();
        try (ServiceBackend pilot = Backends.fromClassPath().create(target.backend(), target.directConfig());
             RawDocuments writer = RawDocuments.open(target.backend(), target.directConfig())) {
            ServiceDefinition own = new ServiceDefinition("fz-own", service, 8080, Duration.ofMinutes(10),
                    List.of("a"), "127.0.0.1", Map.of("k", "v"));
            pilot.sendHeartbeat(own);
            byte[] seedDocument = writer.read(service, own.id());
            if (seedDocument.length == 0) { // the raw client's layout is not Pilot's: the fuzz would mutate nothing
                throw new IllegalStateException(target.backend() + ": the raw client found no document where Pilot stored "
                        + own.id());
            }
            writer.clear(service);
            long done = 0;
            while (done < cases) {
                int batch = (int) Math.min(BATCH, cases - done);
                for (int i = 0; i < batch; i++) {
                    if (!writer.write(service, "fz-" + (done + i), mutate(seedDocument, random, service, "fz-" + (done + i)))) {
                        refused++;
                    }
                }
                done += batch;
                Future<?> read = reader.submit(() -> {
                    pilot.instances(service, "");
                    pilot.checkForUpstreamChanges(service, "");
                    return null;
                });
                reads++;
                try {
                    read.get(READ_DEADLINE.toSeconds(), TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    read.cancel(true);
                    escaped++;
                    if (escapes.size() < LISTED) {
                        escapes.add("hang: no answer within " + READ_DEADLINE.toSeconds() + " s (batch ending at case " + done + ")");
                    }
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof DiscoveryException) {
                        discoveryErrors++;
                    } else {
                        escaped++;
                        if (escapes.size() < LISTED) {
                            StackTraceElement[] at = e.getCause().getStackTrace();
                            escapes.add(e.getCause() + (at.length == 0 ? "" : " at " + at[0]) + " (batch ending at case " + done + ")");
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                writer.clear(service);
            }
        } finally {
            reader.shutdownNow();
        }
        return new Result(target.backend(), cases, refused, reads, discoveryErrors, escapes,
                (System.nanoTime() - started) / 1e9, seed, escaped);
    }

    @SuppressWarnings("unchecked")
    static byte[] mutate(byte[] seed, Random random, String service, String id) {
        int kind = random.nextInt(10);
        if (kind < 6) {
            Map<String, Object> document;
            try {
                document = new LinkedHashMap<>(JSON.readValue(seed, Map.class));
            } catch (Exception e) {
                document = new LinkedHashMap<>();
            }
            document.put(keyOf(document, "id", "ID"), id);
            List<String> keys = new ArrayList<>(document.keySet());
            for (int changes = 1 + random.nextInt(3); changes > 0; changes--) {
                switch (random.nextInt(4)) {
                    case 0, 1 -> document.put(keys.get(random.nextInt(keys.size())), HOSTILE[random.nextInt(HOSTILE.length)]);
                    case 2 -> document.remove(keys.get(random.nextInt(keys.size())));
                    default -> document.put("extra" + random.nextInt(3), HOSTILE[random.nextInt(HOSTILE.length)]);
                }
            }
            try {
                return JSON.writeValueAsBytes(document);
            } catch (Exception e) {
                return seed;
            }
        }
        byte[] body = seed.clone();
        if (kind < 9 && body.length > 0) {
            for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                int at = random.nextInt(body.length);
                switch (random.nextInt(3)) {
                    case 0 -> body[at] = (byte) random.nextInt(256);
                    case 1 -> body = java.util.Arrays.copyOf(body, at); // cut
                    default -> body[at] = (byte) "{}[]\",:\\0".charAt(random.nextInt(9));
                }
                if (body.length == 0) {
                    break;
                }
            }
            return body;
        }
        byte[] noise = new byte[random.nextInt(200)];
        random.nextBytes(noise);
        return random.nextBoolean() ? noise : new String(noise, StandardCharsets.ISO_8859_1).getBytes(StandardCharsets.UTF_8);
    }

    private static String keyOf(Map<String, Object> document, String lower, String upper) {
        return document.containsKey(upper) ? upper : lower;
    }
}
