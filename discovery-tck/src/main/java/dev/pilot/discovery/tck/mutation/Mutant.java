package dev.pilot.discovery.tck.mutation;

import dev.pilot.discovery.ServiceBackend;
import dev.pilot.testservers.TestServer;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * A deliberately broken backend: a real one wrapped so that it has exactly one defect, which the
 * conformance suite must catch.
 *
 * @param name    a short name for the mutation table
 * @param breaks  the promise of the contract the defect breaks
 * @param defect  what is wrong with it, as a user would notice
 * @param made    how the wrapper makes the defect, and any hook it needs beyond wrapping
 * @param killers the tests that must kill it, as {@code Nested#method} of the suite; only these
 *                run against it, and only a failure of one of them that passed on the unmodified
 *                backend counts as the kill
 * @param wrapper makes the broken client from a real client and the server it talks to
 */
public record Mutant(String name, Promise breaks, String defect, String made, List<String> killers,
                     BiFunction<ServiceBackend, TestServer, ServiceBackend> wrapper) {

    public Mutant {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(breaks, "breaks");
        Objects.requireNonNull(defect, "defect");
        Objects.requireNonNull(made, "made");
        killers = List.copyOf(killers);
        if (killers.isEmpty()) {
            throw new IllegalArgumentException("mutant " + name + ": no killer test named");
        }
        Objects.requireNonNull(wrapper, "wrapper");
    }

    /** The broken client. */
    public ServiceBackend wrap(ServiceBackend real, TestServer server) {
        return wrapper.apply(real, server);
    }
}
