package dev.pilot.bench;

import dev.pilot.bench.catalog.Catalogs;
import dev.pilot.discovery.Backends;
import dev.pilot.discovery.ServiceBackend;
import java.util.List;
import java.util.Optional;

/**
 * What a measurement runs with: the profile (how much to do), the backends to measure, their
 * catalogs (servers started once per run and shared by the measurements), and Pilot's backends
 * as the class path provides them.
 *
 * @param profile  how much each measurement does
 * @param backends the backends to measure, in report order
 * @param catalogs the catalogs, opened on first use
 * @param pilot    Pilot's backend registry, filled from the class path
 */
public record RunContext(Profile profile, List<String> backends, Catalogs catalogs, Backends pilot) {

    public RunContext {
        backends = List.copyOf(backends);
    }

    /** Whether Pilot's backend {@code name} is on the class path. */
    public boolean hasPilotBackend(String name) {
        return pilot.contains(name);
    }

    /** Creates Pilot's backend {@code name} on {@code rawConfig}, when it is on the class path. */
    public Optional<ServiceBackend> createPilotBackend(String name, Object rawConfig) {
        return pilot.contains(name) ? Optional.of(pilot.create(name, rawConfig)) : Optional.empty();
    }

    /** A progress line on standard error. */
    public void log(String format, Object... args) {
        System.err.printf("[bench] " + format + "%n", args);
    }

    /** The note of a row for a backend Pilot's class path lacks. */
    public static final String BACKEND_NOT_AVAILABLE = "not measured: backend not available";
}
