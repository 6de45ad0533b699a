package dev.pilot.discovery.etcd;

import dev.pilot.discovery.tck.mutation.MutationRun;
import dev.pilot.discovery.tck.mutation.Mutants;
import org.junit.jupiter.api.Test;

/**
 * The conformance suite must kill the mutants that need a server (an empty or flapping set in an
 * outage, a client that hangs on or answers [] from a silent server, a watch that dies on a
 * restart) and a 1 s poller, each a real client with one defect. The other mutants run against
 * the local backend (LocalMutationIT). Prints the mutation table.
 */
class EtcdMutationIT {

    @Test
    void theSuiteKillsThePollerAndEveryServerMutant() {
        MutationRun.of(EtcdMutantSuite.class).run("etcd", Mutants.forServerProcesses()).assertEveryMutantKilled();
    }
}
