package dev.pilot.discovery.etcd;

import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The client URLs of an etcd cluster and the one in use. Every request starts at the current
 * endpoint; when it cannot be reached, or answers that it cannot serve (no leader), the caller
 * tries the next ones in turn and reports what happened, so the endpoint that answered becomes
 * current and a cluster that lost a node keeps being served by the others.
 *
 * <p>Thread-safe: concurrent failures of one endpoint move on once, not once per caller.
 */
final class Endpoints {

    private final List<URI> endpoints;
    private final AtomicInteger current = new AtomicInteger();

    Endpoints(List<URI> endpoints) {
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("endpoints: expected at least one");
        }
        this.endpoints = List.copyOf(endpoints);
    }

    /** How many endpoints there are. */
    int size() {
        return endpoints.size();
    }

    /** The position of the endpoint in use; pass it to {@link #get} and {@link #failed}. */
    int current() {
        return current.get();
    }

    /** The endpoint at {@code position}. */
    URI get(int position) {
        return endpoints.get(Math.floorMod(position, endpoints.size()));
    }

    /** Records that the endpoint at {@code position} failed: if it is the one in use, the next one is. */
    void failed(int position) {
        int failed = Math.floorMod(position, endpoints.size());
        current.compareAndSet(failed, Math.floorMod(failed + 1, endpoints.size()));
    }

    /** Records that the endpoint at {@code position} answered: it is the one in use. */
    void succeeded(int position) {
        current.set(Math.floorMod(position, endpoints.size()));
    }

    /** All endpoints as {@code host:port} for messages, comma-separated. */
    @Override
    public String toString() {
        return String.join(",", endpoints.stream().map(URI::getRawAuthority).toList());
    }
}
