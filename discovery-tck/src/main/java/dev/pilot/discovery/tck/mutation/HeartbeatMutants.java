package dev.pilot.discovery.tck.mutation;

import dev.pilot.discovery.Instance;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/** The mutants of registration: heartbeats, maintenance, deregistration. */
final class HeartbeatMutants {

    private HeartbeatMutants() {}

    static List<Mutant> all() {
        return List.of(
                new Mutant("first-heartbeat-dropped", Promise.VISIBLE_WITHIN_A_SECOND,
                        "the first heartbeat of an instance registers nothing", "wrapper: drops each id's first heartbeat",
                        List.of("RegisterAndRefresh#firstHeartbeatMakesTheInstanceVisibleToAnotherClient"),
                        (real, server) -> new ForwardingBackend(real) {
                            private final Set<String> seen = ConcurrentHashMap.newKeySet();

                            @Override
                            public void sendHeartbeat(ServiceDefinition service) {
                                if (seen.add(service.id())) {
                                    return; // the defect
                                }
                                delegate.sendHeartbeat(service);
                            }
                        }),
                rewrite("metadata-dropped", Promise.METADATA_KEPT, "an instance is registered without its metadata",
                        List.of("RegisterAndRefresh#anInstancesMetadataReachesOtherClients"),
                        () -> service -> definition(service, service.ipAddress(), service.port(), service.ttl(), Map.of())),
                rewrite("address-change-ignored", Promise.UPDATES_A_CHANGED_REGISTRATION,
                        "a heartbeat with a new address or port keeps the first ones",
                        List.of("RegisterAndRefresh#aHeartbeatWithANewAddressUpdatesTheRegistration"),
                        () -> {
                            Map<String, ServiceDefinition> first = new ConcurrentHashMap<>();
                            return service -> {
                                ServiceDefinition kept = first.computeIfAbsent(service.id(), id -> service);
                                return definition(service, kept.ipAddress(), kept.port(), service.ttl(), service.meta());
                            };
                        }),
                rewrite("metadata-change-ignored", Promise.UPDATES_A_CHANGED_REGISTRATION,
                        "a heartbeat with new metadata keeps the first metadata",
                        List.of("RegisterAndRefresh#aHeartbeatWithNewMetadataUpdatesTheRegistration"),
                        () -> {
                            Map<String, ServiceDefinition> first = new ConcurrentHashMap<>();
                            return service -> definition(service, service.ipAddress(), service.port(), service.ttl(),
                                    first.computeIfAbsent(service.id(), id -> service).meta());
                        }),
                new Mutant("refresh-ignored", Promise.REFRESHES_THE_TTL, "only the first heartbeat of an instance reaches the catalog",
                        "wrapper: later heartbeats of an id do nothing",
                        List.of("RegisterAndRefresh#heartbeatsKeepTheInstanceHealthyPastItsTtl"),
                        (real, server) -> new ForwardingBackend(real) {
                            private final Set<String> registered = ConcurrentHashMap.newKeySet();

                            @Override
                            public void sendHeartbeat(ServiceDefinition service) {
                                if (registered.add(service.id())) {
                                    delegate.sendHeartbeat(service);
                                }
                            }
                        }),
                new Mutant("one-read-flap", Promise.REFRESHES_THE_TTL,
                        "the instance drops out of the healthy set once, for one read, while heartbeats go on",
                        "wrapper: the tenth read of each name returns an empty set",
                        List.of("RegisterAndRefresh#heartbeatsKeepTheInstanceHealthyPastItsTtl"),
                        (real, server) -> new ForwardingBackend(real) {
                            private final Map<String, AtomicInteger> reads = new ConcurrentHashMap<>();

                            @Override
                            public List<Instance> instances(String name, String tag) {
                                List<Instance> healthy = delegate.instances(name, tag);
                                int read = reads.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
                                return read == 10 ? List.of() : healthy; // the defect: one flap
                            }
                        }),
                ttlRewrite("no-ttl-expiry", Promise.EXPIRES, "an instance never expires when heartbeats stop",
                        ttl -> Duration.ofHours(1), Duration.ZERO, List.of("Ttl#instanceLeavesTheHealthySetWhenHeartbeatsStop")),
                ttlRewrite("expiry-at-half-ttl", Promise.REFRESHES_THE_TTL, "an instance expires at half its TTL",
                        ttl -> ttl.dividedBy(2), Duration.ZERO, List.of("Ttl#instanceLeavesTheHealthySetWhenHeartbeatsStop")),
                ttlRewrite("slow-heartbeat-expiry-at-half-ttl", Promise.REFRESHES_THE_TTL,
                        "an instance expires at half its TTL, and each heartbeat after the first returns only after 0.8 x ttl",
                        ttl -> ttl.dividedBy(2), Duration.ofMillis(1600),
                        List.of("Ttl#instanceLeavesTheHealthySetWhenHeartbeatsStop")),
                new Mutant("lost-registration-not-renewed", Promise.BACK_AFTER_LOSS,
                        "a heartbeat does not register again an instance the catalog lost (expired, wiped)",
                        "wrapper: after an id's first heartbeat, heartbeats go through only while the instance is listed",
                        List.of("Faults#theNextHeartbeatReregistersAfterTheServerComesBackWiped",
                                "Ttl#anExpiredInstanceComesBackWithTheNextHeartbeat"),
                        (real, server) -> new ForwardingBackend(real) {
                            private final Set<String> registered = ConcurrentHashMap.newKeySet();

                            @Override
                            public void sendHeartbeat(ServiceDefinition service) {
                                if (registered.add(service.id())
                                        || delegate.instances(service.name(), "").stream().anyMatch(i -> i.id().equals(service.id()))) {
                                    delegate.sendHeartbeat(service);
                                }
                            }
                        }),
                new Mutant("failed-heartbeat-not-retried", Promise.FAILED_REGISTRATION_RETRIED,
                        "after a heartbeat failed, the instance's later heartbeats do nothing",
                        "wrapper: remembers the ids whose heartbeat threw",
                        List.of("Faults#aHeartbeatThatFailedIsRetriedByTheNext"),
                        (real, server) -> new ForwardingBackend(real) {
                            private final Set<String> failed = ConcurrentHashMap.newKeySet();

                            @Override
                            public void sendHeartbeat(ServiceDefinition service) {
                                if (failed.contains(service.id())) {
                                    return; // the defect
                                }
                                try {
                                    delegate.sendHeartbeat(service);
                                } catch (RuntimeException e) {
                                    failed.add(service.id());
                                    throw e;
                                }
                            }
                        }),
                new Mutant("duplicate-registrations", Promise.IDEMPOTENT, "each heartbeat registers one more instance",
                        "wrapper: every heartbeat gets an id of its own",
                        List.of("RegisterAndRefresh#heartbeatsAreIdempotentAndThreadSafe"),
                        (real, server) -> new ForwardingBackend(real) {
                            private final AtomicInteger sent = new AtomicInteger();

                            @Override
                            public void sendHeartbeat(ServiceDefinition service) {
                                delegate.sendHeartbeat(new ServiceDefinition(service.id() + "-" + sent.incrementAndGet(),
                                        service.name(), service.port(), service.ttl(), service.tags(), service.ipAddress(), service.meta()));
                            }
                        }),
                new Mutant("not-thread-safe", Promise.THREAD_SAFE, "a heartbeat while another is in flight fails",
                        "wrapper: an in-flight flag; an overlapping call throws IllegalStateException",
                        List.of("RegisterAndRefresh#heartbeatsAreIdempotentAndThreadSafe"),
                        (real, server) -> new ForwardingBackend(real) {
                            private final AtomicBoolean inFlight = new AtomicBoolean();

                            @Override
                            public void sendHeartbeat(ServiceDefinition service) {
                                if (!inFlight.compareAndSet(false, true)) {
                                    throw new IllegalStateException("another heartbeat is in flight"); // the defect
                                }
                                try {
                                    delegate.sendHeartbeat(service);
                                } finally {
                                    inFlight.set(false);
                                }
                            }
                        }),
                new Mutant("no-op-maintenance", Promise.OUT_FOR_MAINTENANCE, "markForMaintenance() does nothing", "wrapper",
                        List.of("Maintenance#maintenanceTakesTheInstanceOutOfTheHealthySet"),
                        (real, server) -> new ForwardingBackend(real) {
                            @Override
                            public void markForMaintenance(ServiceDefinition service) {}
                        }),
                new Mutant("maintenance-sticks", Promise.BACK_FROM_MAINTENANCE, "heartbeats after markForMaintenance() do nothing",
                        "wrapper: remembers the ids in maintenance",
                        List.of("Maintenance#theNextHeartbeatBringsAnInstanceBackFromMaintenance"),
                        (real, server) -> new ForwardingBackend(real) {
                            private final Set<String> inMaintenance = ConcurrentHashMap.newKeySet();

                            @Override
                            public void markForMaintenance(ServiceDefinition service) {
                                delegate.markForMaintenance(service);
                                inMaintenance.add(service.id());
                            }

                            @Override
                            public void sendHeartbeat(ServiceDefinition service) {
                                if (!inMaintenance.contains(service.id())) {
                                    delegate.sendHeartbeat(service);
                                }
                            }
                        }),
                new Mutant("no-op-deregister", Promise.DEREGISTERED, "deregister() does nothing", "wrapper",
                        List.of("Deregister#aDeregisteredInstanceIsGone"),
                        (real, server) -> new ForwardingBackend(real) {
                            @Override
                            public void deregister(ServiceDefinition service) {}
                        }),
                new Mutant("unknown-deregister-throws", Promise.DEREGISTER_TWICE,
                        "deregistering an instance that is not registered throws DiscoveryException",
                        "wrapper: remembers the ids this client registered",
                        List.of("Deregister#deregisteringTwiceOrWithoutRegisteringIsFine"),
                        (real, server) -> new ForwardingBackend(real) {
                            private final Set<String> registered = ConcurrentHashMap.newKeySet();

                            @Override
                            public void sendHeartbeat(ServiceDefinition service) {
                                delegate.sendHeartbeat(service);
                                registered.add(service.id());
                            }

                            @Override
                            public void deregister(ServiceDefinition service) {
                                if (!registered.remove(service.id())) {
                                    throw new dev.pilot.discovery.DiscoveryException(delegate.name(), "mutant",
                                            service.id() + " is not registered"); // the defect
                                }
                                delegate.deregister(service);
                            }
                        }));
    }

    private static ServiceDefinition definition(ServiceDefinition service, String address, int port, Duration ttl,
                                                Map<String, String> meta) {
        return new ServiceDefinition(service.id(), service.name(), port, ttl, service.tags(), address, meta);
    }

    /** A mutant that rewrites each heartbeat's definition; {@code rewriter} makes one rewrite per client. */
    private static Mutant rewrite(String name, Promise breaks, String defect, List<String> killers,
                                  java.util.function.Supplier<UnaryOperator<ServiceDefinition>> rewriter) {
        return new Mutant(name, breaks, defect, "wrapper: rewrites the definition of each heartbeat", killers,
                (real, server) -> {
                    UnaryOperator<ServiceDefinition> rewrite = rewriter.get();
                    return new ForwardingBackend(real) {
                        @Override
                        public void sendHeartbeat(ServiceDefinition service) {
                            delegate.sendHeartbeat(rewrite.apply(service));
                        }
                    };
                });
    }

    /**
     * A mutant that rewrites the TTL of every heartbeat, and may return only {@code slow} after
     * it. The catalog keeps its own expiry (Consul's TTL check, an etcd lease, the local file's
     * deadline, ZooKeeper's registrar), so a wrapper cannot delay or hasten it any other way; the
     * rewrite is the hook.
     */
    private static Mutant ttlRewrite(String name, Promise breaks, String defect, UnaryOperator<Duration> ttl, Duration slow,
                                     List<String> killers) {
        return new Mutant(name, breaks, defect, "wrapper + hook: rewrites the TTL of each heartbeat"
                + (slow.isZero() ? "" : ", then pauses " + slow.toMillis() + " ms after each refresh"), killers,
                (real, server) -> new ForwardingBackend(real) {
                    private final Set<String> registered = ConcurrentHashMap.newKeySet();

                    @Override
                    public void sendHeartbeat(ServiceDefinition service) {
                        delegate.sendHeartbeat(definition(service, service.ipAddress(), service.port(),
                                ttl.apply(service.ttl()), service.meta()));
                        if (!registered.add(service.id())) {
                            Defects.pause(slow); // the defect, when there is one: a refresh that returns late
                        }
                    }
                });
    }
}
