package dev.pilot.discovery.tck;

import dev.pilot.discovery.DiscoveryException;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.discovery.spi.Threads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs every operation of a backend at once, each on its own virtual thread, and tells which did
 * not end (return or throw) within a limit, or failed with something other than a
 * {@link DiscoveryException}. A call that hangs is left behind on its thread: the test then
 * takes the server away, which ends it.
 *
 * <p>The writes go to three different instances of the service: a backend may serialize calls
 * on one instance, and then a call would wait for another's timeout before its own.
 */
final class BoundedOperations {

    private final Map<String, CompletableFuture<Object>> calls = new LinkedHashMap<>();
    private final long start = System.nanoTime();

    private BoundedOperations() {}

    /** Starts every operation of {@code client} on {@code service} at once; returns at once. */
    static BoundedOperations start(ServiceBackend client, ServiceDefinition service) {
        BoundedOperations operations = new BoundedOperations();
        operations.startAll(client, service);
        return operations;
    }

    /** Starts every operation and waits for them as {@link #problems(Duration, boolean)} does. */
    static List<String> problems(ServiceBackend client, ServiceDefinition service, Duration limit, boolean anyFailure) {
        return start(client, service).problems(limit, anyFailure);
    }

    private void startAll(ServiceBackend client, ServiceDefinition service) {
        calls.put("sendHeartbeat", call(() -> {
            client.sendHeartbeat(service);
            return null;
        }));
        calls.put("markForMaintenance", call(() -> {
            client.markForMaintenance(another(service, 1));
            return null;
        }));
        calls.put("deregister", call(() -> {
            client.deregister(another(service, 2));
            return null;
        }));
        calls.put("instances", call(() -> client.instances(service.name(), "")));
        calls.put("checkForUpstreamChanges", call(() -> client.checkForUpstreamChanges(service.name(), "")));
        calls.put("watch and cancel", call(() -> {
            client.watch(service.name(), "", healthy -> {}).cancel();
            return null;
        }));
        calls.put("capabilities", call(client::capabilities));
    }

    /**
     * Waits at most {@code limit} from the start for every operation.
     *
     * @param anyFailure whether any exception counts as an answer (after {@code close()}), or
     *                   only a {@link DiscoveryException}; in the second case the client never got
     *                   an answer from its server, so a read that returns a set instead of throwing
     *                   made one up (an empty set for a catalog it never read) and is a problem too
     * @return one line per operation that hung or failed wrongly; empty when all behaved
     */
    List<String> problems(Duration limit, boolean anyFailure) {
        List<String> problems = new ArrayList<>();
        calls.forEach((operation, result) -> {
            long remaining = start + limit.toNanos() - System.nanoTime();
            try {
                Object answer = result.get(Math.max(0, remaining), TimeUnit.NANOSECONDS);
                if (!anyFailure && operation.equals("instances")) {
                    problems.add("instances returned " + answer + " without an answer from the server;"
                            + " expected a DiscoveryException (no set is known yet)");
                }
            } catch (TimeoutException e) {
                problems.add(operation + " did not end within " + limit.toMillis() + " ms");
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (!anyFailure && !(cause instanceof DiscoveryException)) {
                    problems.add(operation + " threw " + cause + " instead of a DiscoveryException");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                problems.add(operation + ": interrupted while waiting");
            }
        });
        return problems;
    }

    private static ServiceDefinition another(ServiceDefinition service, int offset) {
        return new ServiceDefinition(service.id() + "-" + offset, service.name(), service.port() + offset, service.ttl(),
                service.tags(), service.ipAddress());
    }

    private interface Call {
        Object run() throws Exception;
    }

    private static CompletableFuture<Object> call(Call call) {
        CompletableFuture<Object> result = new CompletableFuture<>();
        Threads.start("pilot-tck-bounded-call", () -> {
            try {
                result.complete(call.run());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }
}
