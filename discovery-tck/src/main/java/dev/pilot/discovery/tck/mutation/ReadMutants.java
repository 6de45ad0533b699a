package dev.pilot.discovery.tck.mutation;

import dev.pilot.discovery.DiscoveryException;
import dev.pilot.discovery.Instance;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.discovery.Upstream;
import dev.pilot.discovery.UpstreamListener;
import dev.pilot.discovery.spi.UpstreamTracker;
import dev.pilot.discovery.Watch;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/** The mutants of reading: {@code instances()} and {@code checkForUpstreamChanges()}. */
final class ReadMutants {

    private ReadMutants() {}

    static List<Mutant> all() {
        return List.of(
                new Mutant("unsorted-instances", Promise.SORTED, "instances() returns the set in reverse id order", "wrapper",
                        List.of("RegisterAndRefresh#instancesAreSortedById"),
                        (real, server) -> new ForwardingBackend(real) {
                            @Override
                            public List<Instance> instances(String name, String tag) {
                                List<Instance> reversed = new ArrayList<>(delegate.instances(name, tag));
                                Collections.reverse(reversed);
                                return reversed;
                            }
                        }),
                new Mutant("tags-ignored", Promise.TAG_FILTER, "the tag filter is ignored", "wrapper: every read and watch drops the tag",
                        List.of("Tags#aTagFiltersTheHealthySet", "Tags#aTaggedWatchSeesOnlyTaggedInstances"),
                        (real, server) -> new ForwardingBackend(real) {
                            @Override
                            public List<Instance> instances(String name, String tag) {
                                return delegate.instances(name, "");
                            }

                            @Override
                            public boolean checkForUpstreamChanges(String name, String tag) {
                                return delegate.checkForUpstreamChanges(name, "");
                            }

                            @Override
                            public Watch watch(String name, String tag, UpstreamListener listener) {
                                return delegate.watch(name, "", listener);
                            }
                        }),
                prefixListing(),
                new Mutant("outage-forgets-set", Promise.LAST_SET_IN_AN_OUTAGE,
                        "instances() fails while the server is unreachable, though a set is known",
                        "wrapper + hook: probes the server itself (TCP connect; the directory for local) before each read",
                        List.of("Faults#anOutageIsNotAChangeAndKeepsTheLastKnownSet"),
                        (real, server) -> {
                            BooleanSupplier reachable = ServerProbe.reachable(server);
                            return new ForwardingBackend(real) {
                                @Override
                                public List<Instance> instances(String name, String tag) {
                                    if (!reachable.getAsBoolean()) {
                                        throw new DiscoveryException(delegate.name(), server.address(), "unreachable"); // the defect
                                    }
                                    return delegate.instances(name, tag);
                                }
                            };
                        }),
                emptySetWithoutAnswer("empty-set-without-answer", List.of("Faults#anUnreachableServerFailsWithADiscoveryExceptionWithinTheTimeout")),
                new Mutant("alternating-change-detector", Promise.FIRST_NON_EMPTY_SET,
                        "checkForUpstreamChanges() alternates true/false on a non-empty set",
                        "wrapper: reads instances() and toggles per (name, tag)",
                        List.of("ChangeDetection#theFirstNonEmptyReadIsAChange"),
                        (real, server) -> new ForwardingBackend(real) {
                            private final Map<Upstream, Boolean> previous = new ConcurrentHashMap<>();

                            @Override
                            public boolean checkForUpstreamChanges(String name, String tag) {
                                List<Instance> healthy;
                                try {
                                    healthy = delegate.instances(name, tag);
                                } catch (RuntimeException e) {
                                    return false;
                                }
                                return !healthy.isEmpty() && previous.merge(new Upstream(name, tag), true, (was, ignored) -> !was);
                            }
                        }),
                new Mutant("empty-first-read-is-a-change", Promise.FIRST_NON_EMPTY_SET,
                        "the first checkForUpstreamChanges() of a pair returns true, even for an empty set",
                        "wrapper: remembers the pairs asked about",
                        List.of("ChangeDetection#anEmptyFirstReadIsNotAChange"),
                        (real, server) -> new ForwardingBackend(real) {
                            private final Set<Upstream> asked = ConcurrentHashMap.newKeySet();

                            @Override
                            public boolean checkForUpstreamChanges(String name, String tag) {
                                boolean changed = delegate.checkForUpstreamChanges(name, tag);
                                return asked.add(new Upstream(name, tag)) || changed; // the defect
                            }
                        }),
                tracked("changes-tracked-globally", Promise.CHANGES_PER_OBJECT_AND_PAIR,
                        "changes are tracked once for every client, not per backend object",
                        "wrapper: one UpstreamTracker shared by every client of the run",
                        List.of("ChangeDetection#changesAreTrackedPerBackendObject"), true, UnaryOperator.identity(),
                        UnaryOperator.identity()),
                tracked("changes-tracked-per-name", Promise.CHANGES_PER_OBJECT_AND_PAIR,
                        "changes are tracked per name, whatever the tag", "wrapper: an UpstreamTracker keyed by name only",
                        List.of("ChangeDetection#changesAreTrackedPerNameAndTag"), false,
                        upstream -> new Upstream(upstream.name(), ""), UnaryOperator.identity()),
                tracked("readdress-not-a-change", Promise.WHAT_A_CHANGE_IS,
                        "a re-addressed instance is not a change", "wrapper: an UpstreamTracker that sees ids only",
                        List.of("ChangeDetection#addedRemovedAndReaddressedInstancesAreChanges"), false, UnaryOperator.identity(),
                        healthy -> healthy.stream().map(i -> new Instance(i.id(), i.name(), "", 0, i.tags())).toList()),
                new Mutant("outage-change-check-throws", Promise.NO_CHANGE_IN_AN_OUTAGE,
                        "checkForUpstreamChanges() throws while the server is unreachable",
                        "wrapper + hook: probes the server itself (TCP connect; the directory for local) before each check",
                        List.of("Faults#anOutageIsNotAChangeAndKeepsTheLastKnownSet"),
                        (real, server) -> {
                            BooleanSupplier reachable = ServerProbe.reachable(server);
                            return new ForwardingBackend(real) {
                                @Override
                                public boolean checkForUpstreamChanges(String name, String tag) {
                                    if (!reachable.getAsBoolean()) {
                                        throw new DiscoveryException(delegate.name(), server.address(), "unreachable"); // the defect
                                    }
                                    return delegate.checkForUpstreamChanges(name, tag);
                                }
                            };
                        }));
    }

    /**
     * A read that answers {@code []} where it must fail: a client that never got an answer from
     * its server has no set to serve.
     */
    static Mutant emptySetWithoutAnswer(String name, List<String> killers) {
        return new Mutant(name, Promise.NO_SET_YET_FAILS,
                "instances() returns an empty set when the server never answered", "wrapper: a DiscoveryException from instances() becomes []",
                killers,
                (real, server) -> new ForwardingBackend(real) {
                    @Override
                    public List<Instance> instances(String name, String tag) {
                        try {
                            return delegate.instances(name, tag);
                        } catch (DiscoveryException e) {
                            return List.of(); // the defect
                        }
                    }
                });
    }

    /**
     * Lists every service whose name starts with the name asked for, as a catalog keyed by path
     * that lists {@code <prefix>/db*} instead of {@code <prefix>/db/} would. A wrapper knows no
     * names but those it saw, so the mutant's clients share the names heartbeated through any of them.
     */
    private static Mutant prefixListing() {
        Set<String> names = ConcurrentHashMap.newKeySet();
        return new Mutant("prefix-listing", Promise.OWN_SERVICE_ONLY, "instances() of db also lists db2 and dbx",
                "wrapper: the union of every heartbeated name that starts with the name asked for",
                List.of("RegisterAndRefresh#servicesWhoseNamesShareAPrefixAreKeptApart"),
                (real, server) -> new ForwardingBackend(real) {
                    @Override
                    public void sendHeartbeat(ServiceDefinition service) {
                        names.add(service.name());
                        delegate.sendHeartbeat(service);
                    }

                    @Override
                    public List<Instance> instances(String name, String tag) {
                        List<Instance> healthy = new ArrayList<>(delegate.instances(name, tag));
                        for (String other : names) {
                            if (!other.equals(name) && other.startsWith(name)) {
                                healthy.addAll(delegate.instances(other, tag)); // the defect
                            }
                        }
                        return Instance.sorted(healthy);
                    }
                });
    }

    private static Mutant tracked(String name, Promise breaks, String defect, String made, List<String> killers, boolean shared,
                                  UnaryOperator<Upstream> key, UnaryOperator<List<Instance>> view) {
        UpstreamTracker everyClient = new UpstreamTracker();
        return new Mutant(name, breaks, defect, made, killers,
                (real, server) -> new TrackedChangesBackend(real, shared ? everyClient : new UpstreamTracker(), key, view));
    }
}
