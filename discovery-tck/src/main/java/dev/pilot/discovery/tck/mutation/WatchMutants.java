package dev.pilot.discovery.tck.mutation;

import dev.pilot.discovery.UpstreamListener;
import dev.pilot.discovery.Watch;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** The mutants of watching. */
final class WatchMutants {

    private WatchMutants() {}

    /** A 1 s poller instead of push. */
    static Mutant poller() {
        return new Mutant("poller-1s", Promise.PUSHED_PROMPTLY, "a watch polls every second instead of being pushed",
                "wrapper: watch() polls instances() every second",
                List.of("Watching#changesArePushedWithinAFixedLimitWhateverTheSlack"),
                (real, server) -> new PollingBackend(real));
    }

    /** A watch that delivers an empty set while the server is unreachable. */
    static Mutant emptyOnOutage() {
        return new Mutant("empty-set-in-outage", Promise.OUTAGE_IS_NOT_A_CHANGE,
                "a watch delivers an empty set while the server is unreachable",
                "wrapper + hook: probes the server itself (TCP connect; the directory for local) every 100 ms",
                List.of("Faults#anOutageIsNotAChangeAndKeepsTheLastKnownSet"),
                (real, server) -> new EmptyOnOutageBackend(real, ServerProbe.reachable(server), false));
    }

    /** A watch that delivers an empty set when the server becomes unreachable, and its last set again 200 ms later. */
    static Mutant emptyFlapOnOutage() {
        return new Mutant("empty-set-flap-in-outage", Promise.OUTAGE_IS_NOT_A_CHANGE,
                "a watch delivers an empty set when the server becomes unreachable, then its last set again",
                "wrapper + hook: probes the server itself every 100 ms; redelivers the last set 200 ms after the empty one",
                List.of("Faults#anOutageIsNotAChangeAndKeepsTheLastKnownSet"),
                (real, server) -> new EmptyOnOutageBackend(real, ServerProbe.reachable(server), true));
    }

    /** A watch that delivers nothing more once the server was gone. */
    static Mutant diesOnRestart() {
        return new Mutant("watch-dies-on-restart", Promise.RESYNC_AFTER_RESTART,
                "a watch delivers nothing after the server was unreachable once",
                "wrapper + hook: probes the server itself (TCP connect) every 50 ms",
                List.of("Watching#aWatchResyncsByItselfAfterTheServerRestarts"),
                (real, server) -> new DyingWatchBackend(real, ServerProbe.reachable(server)));
    }

    static List<Mutant> all() {
        return List.of(
                poller(),
                new Mutant("no-initial-delivery", Promise.CURRENT_SET_FIRST, "a watch skips the current set and delivers changes only",
                        "wrapper: the first delivery of each watch is dropped",
                        List.of("Watching#aWatchDeliversTheCurrentSetFirst"),
                        (real, server) -> new ForwardingBackend(real) {
                            @Override
                            public Watch watch(String name, String tag, UpstreamListener listener) {
                                AtomicBoolean first = new AtomicBoolean(true);
                                return delegate.watch(name, tag, healthy -> {
                                    if (!first.getAndSet(false)) {
                                        listener.onChange(healthy);
                                    }
                                });
                            }
                        }),
                new Mutant("repeats-unchanged-set", Promise.ONLY_CHANGES, "a watch delivers its set again every 500 ms, changed or not",
                        "wrapper: a thread per watch redelivers the last set",
                        List.of("Watching#anUnchangedSetIsNotDeliveredAgain"),
                        (real, server) -> new RepeatingWatchBackend(real)),
                new Mutant("second-watch-dropped", Promise.EVERY_LISTENER, "a second watch of one upstream receives nothing", "wrapper",
                        List.of("Watching#twoWatchesOfOneUpstreamBothReceiveChanges"),
                        (real, server) -> new SingleWatchBackend(real)),
                new Mutant("cancel-ignored", Promise.CANCEL_STOPS, "cancel() leaves the watch delivering", "wrapper: a handle that does nothing",
                        List.of("Watching#aCancelledWatchReceivesNothing"),
                        (real, server) -> new ForwardingBackend(real) {
                            @Override
                            public Watch watch(String name, String tag, UpstreamListener listener) {
                                delegate.watch(name, tag, listener);
                                return () -> {}; // the defect
                            }
                        }),
                emptyOnOutage(),
                emptyFlapOnOutage());
    }
}
