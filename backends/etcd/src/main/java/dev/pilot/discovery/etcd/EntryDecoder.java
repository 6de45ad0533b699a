package dev.pilot.discovery.etcd;

import dev.pilot.discovery.Instance;
import dev.pilot.discovery.spi.InstanceDocument;
import dev.pilot.discovery.support.InstanceJson;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns keys into instances, skipping values that are not an instance of the service they are
 * filed under (the {@link InstanceDocument} rules) with one warning per bad value, naming the key
 * and the reason: a broken key read again by every poll and every watch rebuild is not logged again,
 * until someone writes it anew (then it is a new value, judged again).
 *
 * <p>One per backend object. Thread-safe.
 */
final class EntryDecoder {

    private static final Logger LOG = LoggerFactory.getLogger(EntryDecoder.class);

    /** Bad keys already reported, with the revision of the value that was reported. */
    private final ConcurrentMap<String, Long> reported = new ConcurrentHashMap<>();
    private final String address;

    EntryDecoder(String address) {
        this.address = address;
    }

    /** The instance {@code kv} of service {@code service} holds, or empty (and a warning the first time) when it holds none. */
    Optional<Instance> decode(EtcdApi.KeyValue kv, String service) {
        try {
            Instance instance = InstanceJson.read(kv.value(), service);
            reported.remove(kv.key());
            return Optional.of(instance);
        } catch (InstanceDocument.Malformed e) {
            Long previous = reported.put(kv.key(), kv.modRevision());
            if (previous == null || previous != kv.modRevision()) {
                LOG.warn("etcd at {}: skipping key {}: {}", address, kv.key(), e.getMessage());
            }
            return Optional.empty();
        }
    }

    /** {@code key} was deleted: a later bad value there is reported again. */
    void deleted(String key) {
        reported.remove(key);
    }
}
