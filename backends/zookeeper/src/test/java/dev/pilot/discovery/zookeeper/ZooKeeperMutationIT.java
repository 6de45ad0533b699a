package dev.pilot.discovery.zookeeper;

import dev.pilot.discovery.tck.mutation.MutationRun;
import dev.pilot.discovery.tck.mutation.Mutants;
import org.junit.jupiter.api.Test;

/**
 * The conformance suite must kill the mutants that need a server (an empty or flapping set in an
 * outage, a client that hangs on or answers [] from a silent server) and a 1 s poller, each a real
 * client with one defect. Not the watch that dies on a restart: the launcher's ZooKeeper runs in
 * this JVM and restarts faster than that mutant's port probe can see. The other mutants run
 * against the local backend (LocalMutationIT). Prints the mutation table.
 */
class ZooKeeperMutationIT {

    @Test
    void theSuiteKillsThePollerAndEveryServerMutant() {
        MutationRun.of(ZooKeeperMutantSuite.class).run("zookeeper", Mutants.forServerProcesses()).assertEveryMutantKilled();
    }
}
