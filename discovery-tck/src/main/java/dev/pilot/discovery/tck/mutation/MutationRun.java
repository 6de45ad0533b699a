package dev.pilot.discovery.tck.mutation;

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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs the conformance suite against mutants through the JUnit Platform launcher and prints the
 * mutation table and the contract table ({@link ContractTable}).
 *
 * <p>A backend module declares a subclass of its conformance test whose {@code connect} returns
 * {@code MutationRun.mutate(super.connect(server), server)} and hands that class to {@link #of}.
 * First the union of every mutant's killer tests runs against the unmodified backend (the
 * control). Then, for each mutant, its own killer tests run against it, one at a time. A mutant
 * is killed only by one of its named killers that failed against it and passed in the control of
 * the same run: a killer that fails on the unmodified backend proves nothing (and fails the run),
 * and no other test of the suite is asked.
 *
 * <p>The control runs alone; the mutants then run {@value #DEFAULT_THREADS} at a time (each with
 * its own launch of the suite, so its own server), or as many as {@code -Dpilot.tck.mutationThreads}
 * says. Most of a killer's time is spent waiting for a TTL or a server, so this shortens the run
 * about threefold; the load it adds can only make a killer fail sooner, never let a mutant pass.
 * The mutant a client is made for is a thread's own (inherited by the threads the suite starts),
 * so the mutants of one run do not see each other.
 */
public final class MutationRun {

    private static final int DEFAULT_THREADS = 3;
    /** The mutant of the launch this thread runs in; null in the control and outside a run. */
    private static final InheritableThreadLocal<Mutant> CURRENT = new InheritableThreadLocal<>();

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
        Mutant mutant = CURRENT.get();
        return mutant == null ? real : mutant.wrap(real, server);
    }

    /** Runs every mutant, prints the tables, and returns the mutation table. */
    public MutationTable run(String backend, List<Mutant> every) {
        long started = System.nanoTime();
        List<Mutant> mutants = chosen(every);
        Set<String> killers = new LinkedHashSet<>();
        mutants.forEach(mutant -> killers.addAll(mutant.killers()));
        LaunchResult control = launch(null, killers.stream().map(this::selector).toList());
        Set<String> failedInControl = control.failedTests();

        ExecutorService workers = Executors.newFixedThreadPool(threads());
        List<MutationTable.Row> rows;
        try {
            List<Future<MutationTable.Row>> pending = new ArrayList<>();
            for (Mutant mutant : mutants) {
                pending.add(workers.submit(() -> row(mutant, failedInControl)));
            }
            rows = new ArrayList<>();
            for (Future<MutationTable.Row> row : pending) {
                rows.add(row.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the mutants ran", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        } finally {
            workers.shutdownNow();
        }
        MutationTable table = new MutationTable(backend, control.failed(), killers.size(), rows,
                Duration.ofNanos(System.nanoTime() - started));
        out.println(table.render());
        out.println("Contract table: every promise of ServiceBackend, the tests that pin it, the mutants they kill");
        out.println(ContractTable.markdown());
        return table;
    }
    /** Runs each of {@code mutant}'s killers against it, one after the other. */
    private MutationTable.Row row(Mutant mutant, Set<String> failedInControl) {
        long start = System.nanoTime();
        List<String> killedBy = new ArrayList<>();
        List<String> discounted = new ArrayList<>();
        for (String killer : mutant.killers()) {
            List<String> failures = launch(mutant, List.of(selector(killer))).failed();
            (failedInControl.contains(killer) ? discounted : killedBy).addAll(failures);
        }
        return new MutationTable.Row(mutant, killedBy, discounted, Duration.ofNanos(System.nanoTime() - start));
    }

    private static int threads() {
        String threads = System.getProperty("pilot.tck.mutationThreads", String.valueOf(DEFAULT_THREADS)).strip();
        try {
            int count = Integer.parseInt(threads);
            if (count >= 1) {
                return count;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw new IllegalArgumentException("pilot.tck.mutationThreads: expected a whole number of 1 or more, got '" + threads + "'");
    }

    /**
     * The mutants named by {@code -Dpilot.tck.mutants=a,b} (to run a few while working on them), or
     * every one; a name that is no mutant fails the run.
     */
    private static List<Mutant> chosen(List<Mutant> every) {
        String names = System.getProperty("pilot.tck.mutants", "").strip();
        if (names.isEmpty()) {
            return every;
        }
        List<String> wanted = List.of(names.split("\\s*,\\s*"));
        List<Mutant> mutants = every.stream().filter(mutant -> wanted.contains(mutant.name())).toList();
        if (mutants.size() != wanted.size()) {
            throw new IllegalArgumentException("pilot.tck.mutants: expected names of " + every.stream().map(Mutant::name).toList()
                    + ", got " + wanted);
        }
        return mutants;
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
        CURRENT.set(mutant);
        try {
            LauncherFactory.create().execute(request, result);
        } finally {
            CURRENT.remove();
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
}
