package dev.pilot.discovery.etcd;

import dev.pilot.discovery.Instance;
import dev.pilot.discovery.Upstream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The instances of one service as etcd holds them under {@code {prefix}/{name}/}, kept current
 * by applying a watch's events to a read. Keys whose values are not instances are left out.
 *
 * <p>Not thread-safe: owned by one watch thread.
 */
final class ServiceKeys {

    private final EntryDecoder decoder;
    private final String service;
    private final Map<String, Instance> byKey = new TreeMap<>();
    private long revision;

    private ServiceKeys(EntryDecoder decoder, String service) {
        this.decoder = decoder;
        this.service = service;
    }

    /** The instances of service {@code service} in a fresh read of its prefix. */
    static ServiceKeys read(EtcdApi.Range range, EntryDecoder decoder, String service) {
        ServiceKeys keys = new ServiceKeys(decoder, service);
        for (EtcdApi.KeyValue kv : range.kvs()) {
            keys.put(kv);
        }
        keys.revision = range.revision();
        return keys;
    }

    /** Applies a watch's events, oldest first. */
    void apply(List<WatchStream.Event> events) {
        for (WatchStream.Event event : events) {
            if (event.deleted()) {
                byKey.remove(event.kv().key());
                decoder.deleted(event.kv().key());
            } else {
                put(event.kv());
            }
            revision = Math.max(revision, event.kv().modRevision());
        }
    }

    /** The revision this state reflects: a watch continues from the next one. */
    long revision() {
        return revision;
    }

    /** The healthy set of {@code upstream}: its instances that carry the tag. */
    List<Instance> healthy(Upstream upstream) {
        return Instance.sorted(byKey.values().stream().filter(upstream::matches).toList());
    }

    private void put(EtcdApi.KeyValue kv) {
        decoder.decode(kv, service).ifPresentOrElse(instance -> byKey.put(kv.key(), instance), () -> byKey.remove(kv.key()));
    }
}
