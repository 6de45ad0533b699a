package dev.pilot.discovery.tck.mutation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The contract promise by promise: the tests of the suite that pin it and the mutants they
 * kill, with the backends each mutant runs against. docs/ARCHITECTURE.md carries
 * {@link #markdown()}; a test keeps the two equal, and the mutation tests print it.
 */
public final class ContractTable {

    /** Where the mutants of {@link Mutants#anyBackend()} run. */
    static final String LOCAL = "local";
    /** Where the mutants of {@link Mutants#forServerBackends()} run. */
    static final String SERVERS = "consul, etcd, zookeeper";
    /** Where the mutants of {@link Mutants#needingAServerProcess()} run. */
    static final String SERVER_PROCESSES = "consul, etcd";

    private ContractTable() {}

    /** The table in Markdown, one row per promise. */
    public static String markdown() {
        Map<String, Mutant> mutants = new LinkedHashMap<>();
        Map<String, Set<String>> runsOn = new LinkedHashMap<>();
        collect(Mutants.anyBackend(), LOCAL, mutants, runsOn);
        collect(Mutants.forServerBackends(), SERVERS, mutants, runsOn);
        collect(Mutants.needingAServerProcess(), SERVER_PROCESSES, mutants, runsOn);

        StringBuilder text = new StringBuilder();
        text.append("| promise (`ServiceBackend`) | pinned by (`BackendConformanceSuite`) | mutants it kills (run on) |\n");
        text.append("|---|---|---|\n");
        for (Promise promise : Promise.values()) {
            List<Mutant> breaking = mutants.values().stream().filter(m -> m.breaks() == promise).toList();
            Set<String> tests = new LinkedHashSet<>();
            breaking.forEach(m -> tests.addAll(m.killers()));
            List<String> names = new ArrayList<>();
            breaking.forEach(m -> names.add("`" + m.name() + "` (" + String.join("; ", runsOn.get(m.name())) + ")"));
            text.append("| `").append(promise.where()).append("`: ").append(promise.promise()).append(" | ")
                    .append(tests.isEmpty() ? "—" : tests.stream().map(t -> "`" + t + "`").collect(Collectors.joining(", ")))
                    .append(" | ")
                    .append(names.isEmpty() ? "none: " + promise.noMutant() : String.join(", ", names))
                    .append(" |\n");
        }
        return text.toString();
    }

    /** The promises no mutant breaks and that do not say why: a hole in the table. */
    public static List<Promise> unguarded() {
        Set<Promise> broken = new LinkedHashSet<>();
        Mutants.anyBackend().forEach(m -> broken.add(m.breaks()));
        Mutants.forServerProcesses().forEach(m -> broken.add(m.breaks()));
        return java.util.Arrays.stream(Promise.values())
                .filter(p -> !broken.contains(p) && p.noMutant().isEmpty())
                .toList();
    }

    private static void collect(List<Mutant> list, String where, Map<String, Mutant> mutants, Map<String, Set<String>> runsOn) {
        for (Mutant mutant : list) {
            mutants.putIfAbsent(mutant.name(), mutant);
            runsOn.computeIfAbsent(mutant.name(), n -> new LinkedHashSet<>()).add(where);
        }
    }
}
