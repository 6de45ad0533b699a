package dev.pilot.bench.catalog.etcd;

import dev.pilot.bench.catalog.RawWatch;
import dev.pilot.bench.catalog.ViewListener;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * etcd's own change notification: a jetcd watch on the service's prefix from the revision after
 * a first read; the view is kept up to date from the watch events alone.
 */
final class PrefixWatch implements RawWatch {

    private final String prefix;
    private final Set<String> ids = new HashSet<>();
    private final Watch.Watcher watcher;

    PrefixWatch(Client client, String prefix, ViewListener listener) {
        this.prefix = prefix;
        var key = EtcdKeys.bytes(prefix);
        GetResponse current;
        try {
            current = client.getKVClient().get(key, GetOption.builder().isPrefix(true).build()).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("etcd: reading " + prefix + " failed: " + e, e);
        }
        for (KeyValue kv : current.getKvs()) {
            ids.add(id(kv));
        }
        listener.onView(System.nanoTime(), Set.copyOf(ids));
        WatchOption option = WatchOption.builder().isPrefix(true)
                .withRevision(current.getHeader().getRevision() + 1).build();
        this.watcher = client.getWatchClient().watch(key, option, response -> {
            long arrival = System.nanoTime();
            Set<String> view;
            synchronized (ids) {
                for (WatchEvent event : response.getEvents()) {
                    if (event.getEventType() == WatchEvent.EventType.PUT) {
                        ids.add(id(event.getKeyValue()));
                    } else if (event.getEventType() == WatchEvent.EventType.DELETE) {
                        ids.remove(id(event.getKeyValue()));
                    }
                }
                view = Set.copyOf(ids);
            }
            listener.onView(arrival, view);
        });
    }

    private String id(KeyValue kv) {
        return kv.getKey().toString(StandardCharsets.UTF_8).substring(prefix.length());
    }

    @Override
    public void close() {
        watcher.close();
    }
}
