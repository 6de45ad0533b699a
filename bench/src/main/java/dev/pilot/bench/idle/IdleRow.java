package dev.pilot.bench.idle;

import dev.pilot.bench.Status;
import java.util.Map;

/**
 * The requests an idle client sends to one backend's server.
 *
 * @param backend                     the backend
 * @param client                      who idled, and how
 * @param status                      whether it was measured
 * @param note                        why not, or what to know about it
 * @param method                      how requests were counted
 * @param seconds                     length of the counting window
 * @param upstreams                   upstreams watched
 * @param perMinute                   all requests per minute
 * @param byKindPerMinute             requests per minute by kind (heartbeat, read, watch, ping, …), as
 *                                    the operation names them: a heartbeat may read before it writes
 * @param watchesOnlyPerMinute        requests per minute of the same client with its watches alone (no
 *                                    services), session pings left out
 * @param beyondHeartbeatsPerUpstream that, per watched upstream: the cost of watching
 */
public record IdleRow(String backend, String client, Status status, String note, String method, double seconds,
                      int upstreams, double perMinute, Map<String, Double> byKindPerMinute,
                      double watchesOnlyPerMinute, double beyondHeartbeatsPerUpstream) {

    public IdleRow {
        byKindPerMinute = Map.copyOf(byKindPerMinute);
    }

    static IdleRow notMeasured(String backend, String client, Status status, String note) {
        return new IdleRow(backend, client, status, note, "", 0, 0, 0, Map.of(), 0, 0);
    }
}
