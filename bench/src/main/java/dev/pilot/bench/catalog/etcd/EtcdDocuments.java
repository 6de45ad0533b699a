package dev.pilot.bench.catalog.etcd;

import dev.pilot.bench.catalog.RawDocuments;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.options.DeleteOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Raw etcd keys {@code /containerpilot/{service}/{id}} ({@link EtcdKeys#key}), with jetcd. */
public final class EtcdDocuments implements RawDocuments {

    private final Client client;

    public EtcdDocuments(String endpoint) {
        client = Client.builder().endpoints(endpoint).build();
    }

    @Override
    public boolean write(String service, String id, byte[] body) {
        await(client.getKVClient().put(EtcdKeys.key(service, id), ByteSequence.from(body)));
        return true;
    }

    @Override
    public byte[] read(String service, String id) {
        var kvs = await(client.getKVClient().get(EtcdKeys.key(service, id))).getKvs();
        return kvs.isEmpty() ? new byte[0] : kvs.getFirst().getValue().getBytes();
    }

    @Override
    public void clear(String service) {
        await(client.getKVClient().delete(EtcdKeys.bytes(EtcdCatalog.PREFIX + service + "/"),
                DeleteOption.builder().isPrefix(true).build()));
    }

    @Override
    public void close() {
        client.close();
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("etcd: " + e, e);
        }
    }
}
