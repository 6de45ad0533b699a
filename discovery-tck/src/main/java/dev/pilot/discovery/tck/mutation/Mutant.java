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
 * @param defect  what is wrong with it, as a user would notice
 * @param made    how the wrapper makes the defect, and any hook it needs beyond wrapping
 * @param killers the tests expected to kill it, as {@code Nested#method} of the suite; they run
 *                first, and the whole suite runs only when none of them fails
 * @param wrapper makes the broken client from a real client and the server it talks to
 */
public record Mutant(String name, String defect, String made, List<String> killers,
                     BiFunction<ServiceBackend, TestServer, ServiceBackend> wrapper) {

    public Mutant {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(defect, "defect");
        Objects.requireNonNull(made, "made");
        killers = List.copyOf(killers);
        Objects.requireNonNull(wrapper, "wrapper");
    }

    /** The broken client. */
    public ServiceBackend wrap(ServiceBackend real, TestServer server) {
        return wrapper.apply(real, server);
    }
}
