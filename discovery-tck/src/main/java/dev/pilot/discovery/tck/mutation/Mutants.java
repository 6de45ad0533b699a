package dev.pilot.discovery.tck.mutation;

import dev.pilot.discovery.Instance;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.discovery.UpstreamListener;
import dev.pilot.discovery.Watch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The mutants the conformance suite must kill. Each is a wrapper around a real client with one
 * defect. {@link #anyBackend()} applies to every backend, the local one included;
 * {@link #needingAServer()} only to backends that talk to a server over TCP.
 */
public final class Mutants {

    private Mutants() {}

    /** A 1 s poller instead of push. */
    public static Mutant poller() {
        return new Mutant("poller-1s", "a watch polls every second instead of being pushed",
                "wrapper: watch() polls instances() every second",
                List.of("Watching#changesArePushedWithinAFixedLimitWhateverTheSlack"),
                (real, server) -> new PollingBackend(real));
    }

    /** Every mutant that needs no server. */
    public static List<Mutant> anyBackend() {
        return List.of(
                poller(),
                new Mutant("no-op-deregister", "deregister() does nothing", "wrapper",
                        List.of("Deregister#aDeregisteredInstanceIsGone", "Deregister#deregisteringTwiceOrWithoutRegisteringIsFine"),
                        (real, server) -> new ForwardingBackend(real) {
                            @Override
                            public void deregister(ServiceDefinition service) {}
                        }),
                new Mutant("no-op-maintenance", "markForMaintenance() does nothing", "wrapper",
                        List.of("Maintenance#maintenanceTakesTheInstanceOutOfTheHealthySet"),
                        (real, server) -> new ForwardingBackend(real) {
                            @Override
                            public void markForMaintenance(ServiceDefinition service) {}
                        }),
                ttlRewrite("no-ttl-expiry", "an instance never expires when heartbeats stop",
                        ttl -> Duration.ofHours(1), List.of("Ttl#instanceLeavesTheHealthySetWhenHeartbeatsStop")),
                ttlRewrite("expiry-at-half-ttl", "an instance expires at half its TTL",
                        ttl -> ttl.dividedBy(2), List.of("Ttl#instanceLeavesTheHealthySetWhenHeartbeatsStop")),
                new Mutant("alternating-change-detector", "checkForUpstreamChanges() alternates true/false on a non-empty set",
                        "wrapper: reads instances() and toggles per (name, tag)",
                        List.of("ChangeDetection#theFirstNonEmptyReadIsAChange"),
                        (real, server) -> new AlternatingChanges(real)),
                emptyOnOutage(),
                new Mutant("staleness-unheard", "a watch never tells its listener that its set is stale, nor recovered",
                        "wrapper: watch() passes on the sets only",
                        List.of("Faults#anOutageIsHeardAsStaleOnceAndRecoveredAfter"),
                        (real, server) -> new ForwardingBackend(real) {
                            @Override
                            public Watch watch(String name, String tag, UpstreamListener listener) {
                                return delegate.watch(name, tag, listener::onChange);
                            }
                        }),
                new Mutant("tags-ignored", "the tag filter is ignored", "wrapper: every read and watch drops the tag",
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
                new Mutant("unsorted-instances", "instances() returns the set in reverse id order", "wrapper",
                        List.of("RegisterAndRefresh#instancesAreSortedById"),
                        (real, server) -> new ForwardingBackend(real) {
                            @Override
                            public List<Instance> instances(String name, String tag) {
                                return delegate.instances(name, tag).reversed();
                            }
                        }),
                new Mutant("second-watch-dropped", "a second watch of one upstream receives nothing", "wrapper",
                        List.of("Watching#twoWatchesOfOneUpstreamBothReceiveChanges"),
                        (real, server) -> new SingleWatchBackend(real)),
                new Mutant("close-keeps-watching", "close() leaves the watches delivering",
                        "wrapper: close() closes the real client only 10 s later",
                        List.of("Lifecycle#closeStopsEveryWatchPromptlyAndIsHarmlessTwice"),
                        (real, server) -> new ForwardingBackend(real) {
                            @Override
                            public void close() {
                                Thread.ofVirtual().name("pilot-mutant-late-close").start(() -> {
                                    try {
                                        Thread.sleep(Duration.ofSeconds(10)); // the defect: close() stops nothing now
                                    } catch (InterruptedException ignored) {
                                        // close now
                                    }
                                    delegate.close();
                                });
                            }
                        }));
    }

    /** A watch that delivers an empty set while the server is unreachable. */
    public static Mutant emptyOnOutage() {
        return new Mutant("empty-set-in-outage", "a watch delivers an empty set while the server is unreachable",
                "wrapper + hook: probes the server itself (TCP connect; the directory for local) every 100 ms",
                List.of("Faults#anOutageIsNotAChangeAndKeepsTheLastKnownSet"),
                (real, server) -> new EmptyOnOutageBackend(real, ServerProbe.reachable(server)));
    }

    /** The mutants that need a TCP server. */
    public static List<Mutant> needingAServer() {
        return List.of(
                emptyOnOutage(),
                new Mutant("hangs-on-silent-server", "every call hangs while the server accepts and never answers",
                        "wrapper + hook: asks the server itself, without a read timeout, before each call",
                        List.of("SilentServers#everyOperationEndsWithinTheTimeoutAndCloseIsPrompt"),
                        (real, server) -> new HangingBackend(real, server.address())));
    }

    /** What a server backend's mutation test runs: the mutants that need a server, and the poller. */
    public static List<Mutant> forServerBackends() {
        List<Mutant> mutants = new ArrayList<>(needingAServer());
        mutants.add(poller());
        return List.copyOf(mutants);
    }

    /**
     * A mutant that rewrites the TTL of every heartbeat. The catalog keeps its own expiry (Consul's
     * TTL check, an etcd lease, the local file's deadline, ZooKeeper's registrar), so a wrapper
     * cannot delay or hasten it any other way; the rewrite is the hook.
     */
    private static Mutant ttlRewrite(String name, String defect, UnaryOperator<Duration> ttl, List<String> killers) {
        return new Mutant(name, defect, "wrapper + hook: rewrites the TTL of each heartbeat", killers,
                (real, server) -> new ForwardingBackend(real) {
                    @Override
                    public void sendHeartbeat(ServiceDefinition service) {
                        delegate.sendHeartbeat(new ServiceDefinition(service.id(), service.name(), service.port(),
                                ttl.apply(service.ttl()), service.tags(), service.ipAddress(), service.meta()));
                    }
                });
    }

    /** Returns true, false, true, … for a non-empty set, whatever changed. */
    private static final class AlternatingChanges extends ForwardingBackend {

        private final Map<String, Boolean> previous = new ConcurrentHashMap<>();

        AlternatingChanges(ServiceBackend delegate) {
            super(delegate);
        }

        @Override
        public boolean checkForUpstreamChanges(String name, String tag) {
            List<Instance> healthy;
            try {
                healthy = delegate.instances(name, tag);
            } catch (RuntimeException e) {
                return false;
            }
            if (healthy.isEmpty()) {
                return false;
            }
            return previous.merge(name + "\u0000" + tag, true, (was, ignored) -> !was);
        }
    }
}
