package dev.pilot.bench.catalog.etcd;

import dev.pilot.bench.catalog.ChangeWriter;
import dev.pilot.bench.catalog.HeartbeatClient;
import dev.pilot.bench.catalog.InstanceDocuments;
import dev.pilot.discovery.ServiceDefinition;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.options.PutOption;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Instance keys written with jetcd: a plain put for the change benchmark; a lease per service,
 * refreshed with keep-alive-once, for the heartbeat benchmark. Thread-safe.
 */
final class EtcdKeys implements ChangeWriter, HeartbeatClient {

    private static final long TIMEOUT_SECONDS = 10;

    private final Client client;
    private final Map<String, Long> leases = new ConcurrentHashMap<>();

    EtcdKeys(Client client) {
        this.client = client;
    }

    @Override
    public void add(String service, String id, int port) {
        await(client.getKVClient().put(key(service, id), document(service, id, port, List.of())));
    }

    @Override
    public void remove(String service, String id) {
        await(client.getKVClient().delete(key(service, id)));
    }

    @Override
    public void register(ServiceDefinition service) {
        long lease = await(client.getLeaseClient().grant(service.ttl().toSeconds())).getID();
        leases.put(service.id(), lease);
        await(client.getKVClient().put(key(service.name(), service.id()),
                document(service.name(), service.id(), service.port(), service.tags()),
                PutOption.builder().withLeaseId(lease).build()));
    }

    @Override
    public void heartbeat(ServiceDefinition service) {
        Long lease = leases.get(service.id());
        if (lease == null) {
            throw new IllegalStateException("etcd: " + service.id() + " was never registered");
        }
        await(client.getLeaseClient().keepAliveOnce(lease));
    }

    @Override
    public void deregister(ServiceDefinition service) {
        Long lease = leases.remove(service.id());
        if (lease != null) {
            await(client.getLeaseClient().revoke(lease));
        }
    }

    @Override
    public void close() {}

    static ByteSequence key(String service, String id) {
        return bytes(EtcdCatalog.PREFIX + service + "/" + id);
    }

    private static ByteSequence document(String service, String id, int port, List<String> tags) {
        return ByteSequence.from(InstanceDocuments.of(service, id, port, tags));
    }

    static ByteSequence bytes(String text) {
        return ByteSequence.from(text, StandardCharsets.UTF_8);
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> future) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("etcd request failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("etcd request timed out after " + TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
