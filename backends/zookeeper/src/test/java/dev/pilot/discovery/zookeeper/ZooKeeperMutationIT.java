package dev.pilot.discovery.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pilot.discovery.tck.mutation.Mutant;
import dev.pilot.discovery.tck.mutation.MutationRun;
import dev.pilot.discovery.tck.mutation.MutationTable;
import dev.pilot.discovery.tck.mutation.Mutants;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The conformance suite must kill the mutants that need a server (an empty set in an outage, a
 * client that hangs on a silent server) and a 1 s poller, each a real client with one defect.
 * The other mutants run against the local backend (LocalMutationIT). Prints the mutation table.
 */
class ZooKeeperMutationIT {

    @Test
    void theSuiteKillsThePollerAndEveryServerMutant() {
        List<Mutant> mutants = new ArrayList<>(Mutants.needingAServer());
        mutants.add(Mutants.poller());

        MutationTable table = MutationRun.of(ZooKeeperMutantSuite.class).run("zookeeper", mutants);

        assertThat(table.controlFailed()).as("killer tests that fail on the unmodified backend").isEmpty();
        assertThat(table.survivors()).as("mutants that no test killed").isEmpty();
    }
}
