package dev.pilot.discovery.etcd;

import static dev.pilot.discovery.support.JsonValues.array;
import static dev.pilot.discovery.support.JsonValues.object;

import dev.pilot.discovery.support.JsonValues;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The handful of etcd v3 calls the backend makes, as JSON over HTTP: the gateway that etcd 3.4
 * serves on its client port next to gRPC ({@code /v3/kv/range}, {@code /v3/lease/grant}, …).
 * Keys are UTF-8 text here and base64 on the wire.
 *
 * <p>Thread-safe.
 */
final class EtcdApi implements AutoCloseable {

    /** One key as etcd holds it. */
    record KeyValue(String key, byte[] value, long modRevision, long lease) {}

    /** The keys under a prefix, and the store's revision when they were read. */
    record Range(long revision, List<KeyValue> kvs) {}

    private final Transport transport;

    EtcdApi(Transport transport) {
        this.transport = transport;
    }

    /** The endpoints, for messages. */
    String address() {
        return transport.address();
    }

    /** Every key starting with {@code prefix}, with values; a linearizable read. */
    Range range(String prefix) {
        Map<String, Object> request = Json.object("key", Json.base64(prefix), "range_end", Json.base64(rangeEnd(prefix)));
        Map<String, Object> answer = transport.call("read " + prefix, "/v3/kv/range", request);
        List<KeyValue> kvs = new ArrayList<>();
        for (Object kv : array(answer.get("kvs"))) {
            kvs.add(keyValue(kv));
        }
        return new Range(Json.int64(answer.get("header"), "revision"), List.copyOf(kvs));
    }

    /** A key without its value, if present, and the store's revision when it was read. */
    record Head(Optional<KeyValue> kv, long revision) {}

    /** {@code key} without its value, if present: enough to see which lease it is attached to. */
    Head head(String key) {
        Map<String, Object> request = Json.object("key", Json.base64(key), "keys_only", true);
        Map<String, Object> answer = transport.call("read " + key, "/v3/kv/range", request);
        List<Object> kvs = array(answer.get("kvs"));
        return new Head(kvs.isEmpty() ? Optional.empty() : Optional.of(keyValue(kvs.get(0))),
                Json.int64(answer.get("header"), "revision"));
    }

    /**
     * Writes {@code key}, attached to {@code lease} (0 for none).
     *
     * @return the store's revision after the write
     * @throws EtcdRefusal {@link EtcdRefusal#leaseNotFound} when the lease is gone
     */
    long put(String key, byte[] value, long lease) {
        Map<String, Object> request = Json.object("key", Json.base64(key), "value", Json.base64(value));
        if (lease != 0) {
            request.put("lease", Long.toString(lease));
        }
        return Json.int64(transport.call("write " + key, "/v3/kv/put", request).get("header"), "revision");
    }

    /** Deletes {@code key}; deleting a missing key is not an error. */
    void delete(String key) {
        transport.call("delete " + key, "/v3/kv/deleterange", Json.object("key", Json.base64(key)));
    }

    /**
     * Grants a lease of {@code ttl}, rounded up to whole seconds (etcd raises it to its minimum,
     * about 2 s with default election settings).
     *
     * @return the lease id
     */
    long grant(Duration ttl) {
        long seconds = Math.max(1, (ttl.toMillis() + 999) / 1000);
        Map<String, Object> answer = transport.call("grant a lease of " + seconds + " s", "/v3/lease/grant",
                Json.object("TTL", Long.toString(seconds)));
        long id = Json.int64(answer, "ID");
        if (id == 0) {
            throw new dev.pilot.discovery.DiscoveryException(EtcdBackendProvider.NAME, transport.address(),
                    "grant a lease: the answer holds no lease id: " + JsonValues.text(answer.get("error")));
        }
        return id;
    }

    /**
     * A renewal's answer.
     *
     * @param ttl      the TTL in seconds from now, or 0 when the lease no longer exists
     * @param revision the store's revision when it answered: no key changed while it stays the same
     */
    record Renewal(long ttl, long revision) {}

    /**
     * Renews each of {@code leases} once, to its full TTL (what a background keep-alive does on
     * every tick, done here only when asked), all in one request: a bidirectional stream in gRPC,
     * over HTTP one message per lease in the request body, which etcd answers line by line before
     * the gateway ends the stream with the body.
     *
     * @param deadline when the renewals must be over ({@link System#nanoTime})
     * @return each lease's renewal; a lease etcd sent no answer for is missing
     * @throws EtcdRefusal when etcd ended the stream with an error
     */
    Map<Long, Renewal> keepAliveOnce(List<Long> leases, long deadline) {
        String what = leases.size() == 1 ? "renew lease " + Long.toHexString(leases.get(0))
                : "renew " + leases.size() + " leases";
        List<Map<String, Object>> messages = new ArrayList<>(leases.size());
        for (long lease : leases) {
            messages.add(Json.object("ID", Long.toString(lease)));
        }
        Map<Long, Renewal> renewals = new HashMap<>();
        for (Map<String, Object> answer : transport.callStream(what, "/v3/lease/keepalive", messages, deadline)) {
            EtcdRefusal refusal = EtcdRefusal.from(transport.address(), what, answer);
            if (refusal != null) {
                throw refusal;
            }
            Map<String, Object> result = object(answer.get("result"));
            renewals.put(Json.int64(result, "ID"), new Renewal(Json.int64(result, "TTL"), Json.int64(result.get("header"), "revision")));
        }
        return renewals;
    }

    /** Revokes {@code lease}, deleting every key attached to it; a lease already gone is fine. */
    void revoke(long lease) {
        try {
            transport.call("revoke lease " + Long.toHexString(lease), "/v3/lease/revoke",
                    Json.object("ID", Long.toString(lease)));
        } catch (EtcdRefusal refusal) {
            if (!refusal.leaseNotFound()) {
                throw refusal;
            }
        }
    }

    /** Opens a watch of every key under {@code prefix}, from {@code fromRevision} on. */
    WatchStream watch(String prefix, long fromRevision) {
        Map<String, Object> request = Json.object("create_request", Json.object("key", Json.base64(prefix),
                "range_end", Json.base64(rangeEnd(prefix)), "start_revision", Long.toString(fromRevision)));
        String what = "watch " + prefix;
        return new WatchStream(transport.address(), what, transport.stream(what, "/v3/watch", request));
    }

    /** Forgets the auth token, after a watch was cancelled because the server refused it. */
    void tokenRefused() {
        transport.tokenRefused();
    }

    @Override
    public void close() {
        transport.close();
    }

    /** A key as an answer holds it ({@code kvs} of a range, {@code kv} of a watch event). */
    static KeyValue keyValue(Object kv) {
        Map<String, Object> fields = object(kv);
        return new KeyValue(Json.text(fields, "key"), Json.bytes(fields, "value"), Json.int64(fields, "mod_revision"),
                Json.int64(fields, "lease"));
    }

    /** The end of the key range holding every key that starts with {@code prefix}: the prefix plus one. */
    static byte[] rangeEnd(String prefix) {
        byte[] end = prefix.getBytes(StandardCharsets.UTF_8);
        for (int i = end.length - 1; i >= 0; i--) {
            if (end[i] != (byte) 0xff) {
                end[i]++;
                return java.util.Arrays.copyOf(end, i + 1);
            }
        }
        return new byte[] {0}; // every key: etcd's "\0" range end
    }
}
