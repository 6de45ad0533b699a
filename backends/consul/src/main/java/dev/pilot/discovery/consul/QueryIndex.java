package dev.pilot.discovery.consul;

/**
 * The {@code index} of one blocking query, kept as Consul's guidance on blocking queries asks:
 * <ul>
 *   <li>a returned index of 0 (or none) is a Consul bug that would turn the loop into a busy
 *       one: use 1, on which it is always safe to wait;</li>
 *   <li>a returned {@code X-Consul-Index} lower than the one sent means the agent's data went
 *       backwards (a restart with wiped data, a snapshot restore): reset to 0, so the next read
 *       does not block and starts the loop again;</li>
 *   <li>after a failed request, reset to 0: the agent may have come back with another history.</li>
 * </ul>
 * Index 0 means "read without blocking". Not thread-safe: one per query loop.
 */
final class QueryIndex {

    private long value;

    /** The index to send next; 0 for a read that does not block. */
    long value() {
        return value;
    }

    /** Takes the index an answer carried. */
    void advance(long answered) {
        if (answered <= 0) {
            value = 1;
        } else if (answered < value) {
            value = 0;
        } else {
            value = answered;
        }
    }

    /** After a failure: the next read does not block. */
    void reset() {
        value = 0;
    }
}
