package dev.pilot.discovery.tck.mutation;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectNestedMethod;

import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.tck.BackendConformanceSuite;
import dev.pilot.testservers.TestServer;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs the conformance suite against mutants through the JUnit Platform launcher and prints the
 * mutation table.
 *
 * <p>A backend module declares a subclass of its conformance test whose {@code connect} returns
 * {@code MutationRun.mutate(super.connect(server), server)}, annotated with
 * {@code @ExtendWith(StopAfterFirstFailure.class)}, and hands that class to {@link #of}. For each
 * mutant the run first tries the mutant's own killer tests, one at a time; when none fails it runs
 * the whole suite, stopping at the first failure. Before any mutant, the union of the killers runs
 * against the unmodified backend: a killer that fails there proves nothing. Not thread-safe: one
 * run at a time per JVM.
 */
public final class MutationRun {


    private static volatile Mutant current;
    private static volatile boolean killed;

    private final Class<? extends BackendConformanceSuite> suite;
    private final PrintStream out;

    private MutationRun(Class<? extends BackendConformanceSuite> suite, PrintStream out) {
        this.suite = suite;
        this.out = out;
    }

    /** A run of {@code suite}, whose clients {@link #mutate} wraps. */
    public static MutationRun of(Class<? extends BackendConformanceSuite> suite) {
        return new MutationRun(suite, System.out);
    }

    /** The client the current mutant makes of {@code real}; {@code real} itself outside a mutant's run. */
    public static ServiceBackend mutate(ServiceBackend real, TestServer server) {
        Mutant mutant = current;
        return mutant == null ? real : mutant.wrap(real, server);
    }

    /** Whether a test failed in the launcher run going on now. */
    static boolean killedInThisRun() {
        return killed;
    }

    /** Runs every mutant, prints the table, and returns it. */
    public MutationTable run(String backend, List<Mutant> mutants) {
        long started = System.nanoTime();
        Set<String> killers = new LinkedHashSet<>();
        mutants.forEach(mutant -> killers.addAll(mutant.killers()));
        LaunchResult control = launch(null, killers.stream().map(this::selector).toList());

        List<MutationTable.Row> rows = new ArrayList<>();
        for (Mutant mutant : mutants) {
            long start = System.nanoTime();
            List<String> killedBy = new ArrayList<>();
            for (String killer : mutant.killers()) {
                killedBy.addAll(launch(mutant, List.of(selector(killer))).failed());
            }
            boolean wholeSuite = killedBy.isEmpty();
            if (wholeSuite) {
                killedBy.addAll(launch(mutant, List.of(selectClass(suite))).failed());
            }
            rows.add(new MutationTable.Row(mutant, killedBy, wholeSuite, Duration.ofNanos(System.nanoTime() - start)));
        }
        MutationTable table = new MutationTable(backend, control.failed(), killers.size(), rows,
                Duration.ofNanos(System.nanoTime() - started));
        out.println(table.render());
        return table;
    }

    private DiscoverySelector selector(String killer) {
        int hash = killer.indexOf('#');
        String group = killer.substring(0, hash);
        // the group is declared by the suite or by a suite it extends (ServerBackendConformanceSuite)
        for (Class<?> type = suite; type != null; type = type.getSuperclass()) {
            for (Class<?> nested : type.getDeclaredClasses()) {
                if (nested.getSimpleName().equals(group)) {
                    return selectNestedMethod(List.of(suite), nested, killer.substring(hash + 1));
                }
            }
        }
        throw new IllegalArgumentException("killer " + killer + ": the suite has no nested class " + group);
    }

    private LaunchResult launch(Mutant mutant, List<DiscoverySelector> selectors) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectors)
                // a mutant that hangs must fail its test, not stall the build
                .configurationParameter("junit.jupiter.execution.timeout.default", "120 s")
                .configurationParameter("junit.jupiter.execution.timeout.thread.mode.default", "SEPARATE_THREAD")
                .build();
        LaunchResult result = new LaunchResult();
        current = mutant;
        killed = false;
        try {
            LauncherFactory.create().execute(request, result);
        } finally {
            current = null;
            killed = false;
        }
        if (!result.broken().isEmpty()) {
            throw new IllegalStateException("the suite could not run" + (mutant == null ? "" : " against " + mutant.name())
                    + ": " + result.broken());
        }
        if (result.ran() == 0) {
            throw new IllegalStateException("no test ran for " + selectors + ": a killer names no test of the suite");
        }
        return result;
    }

    /** Called by the launcher listener when a test fails. */
    static void markKilled() {
        killed = true;
    }
}
