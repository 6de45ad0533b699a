package dev.pilot.discovery.tck.mutation;

import dev.pilot.discovery.Capability;
import dev.pilot.discovery.DiscoveryException;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/** The mutants of the backend as a whole: its name, capabilities, failures, and close(). */
final class LifecycleMutants {

    private LifecycleMutants() {}

    static List<Mutant> all() {
        return List.of(
                new Mutant("wrong-name", Promise.NAME, "name() is not the name the backend is registered under",
                        "wrapper: name() returns another name",
                        List.of("Lifecycle#capabilitiesAreWhatTheBackendDeclares"),
                        (real, server) -> new ForwardingBackend(real) {
                            @Override
                            public String name() {
                                return "not-" + delegate.name();
                            }
                        }),
                new Mutant("extra-capability", Promise.CAPABILITIES, "capabilities() claims one capability the backend does not have",
                        "wrapper: one capability toggled",
                        List.of("Lifecycle#capabilitiesAreWhatTheBackendDeclares"),
                        (real, server) -> new ForwardingBackend(real) {
                            @Override
                            public Set<Capability> capabilities() {
                                EnumSet<Capability> claimed = EnumSet.noneOf(Capability.class);
                                claimed.addAll(delegate.capabilities());
                                if (!claimed.remove(Capability.TAG_FILTER)) {
                                    claimed.add(Capability.TAG_FILTER);
                                }
                                return Set.copyOf(claimed);
                            }
                        }),
                new Mutant("foreign-exception", Promise.FAILS_WITH_DISCOVERY_EXCEPTION,
                        "a failure to reach the catalog is an IllegalStateException", "wrapper: every DiscoveryException rethrown as another",
                        List.of("Faults#anUnreachableServerFailsWithADiscoveryExceptionWithinTheTimeout"),
                        (real, server) -> new ForwardingBackend(real) {
                            @Override
                            public void sendHeartbeat(ServiceDefinition service) {
                                translated(() -> {
                                    delegate.sendHeartbeat(service);
                                    return null;
                                });
                            }
                        }),
                new Mutant("close-keeps-watching", Promise.CLOSE_STOPS_WATCHES, "close() leaves the watches delivering",
                        "wrapper: close() closes the real client only 10 s later",
                        List.of("Lifecycle#closeStopsEveryWatchPromptlyAndIsHarmlessTwice"),
                        (real, server) -> new ForwardingBackend(real) {
                            @Override
                            public void close() {
                                Defects.start("late-close", () -> {
                                    Defects.pause(Duration.ofSeconds(10)); // the defect: close() stops nothing now
                                    delegate.close();
                                });
                            }
                        }),
                new Mutant("second-close-throws", Promise.CLOSE_TWICE, "a second close() throws", "wrapper",
                        List.of("Lifecycle#closeStopsEveryWatchPromptlyAndIsHarmlessTwice"),
                        (real, server) -> new ForwardingBackend(real) {
                            private final AtomicBoolean closed = new AtomicBoolean();

                            @Override
                            public void close() {
                                if (closed.getAndSet(true)) {
                                    throw new IllegalStateException("already closed"); // the defect
                                }
                                delegate.close();
                            }
                        }),
                new Mutant("close-deregisters", Promise.CLOSE_KEEPS_REGISTRATIONS, "close() deregisters what the client registered",
                        "wrapper: remembers the definitions heartbeated",
                        List.of("Lifecycle#closeDoesNotDeregister"),
                        (real, server) -> new ForwardingBackend(real) {
                            private final Map<String, ServiceDefinition> registered = new ConcurrentHashMap<>();

                            @Override
                            public void sendHeartbeat(ServiceDefinition service) {
                                delegate.sendHeartbeat(service);
                                registered.put(service.id(), service);
                            }

                            @Override
                            public void close() {
                                registered.values().forEach(delegate::deregister); // the defect
                                delegate.close();
                            }
                        }));
    }

    private static <T> T translated(Supplier<T> call) {
        try {
            return call.get();
        } catch (DiscoveryException e) {
            throw new IllegalStateException(e.getMessage()); // the defect
        }
    }
}
