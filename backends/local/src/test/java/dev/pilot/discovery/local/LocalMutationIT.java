package dev.pilot.discovery.local;

import dev.pilot.discovery.tck.mutation.MutationRun;
import dev.pilot.discovery.tck.mutation.Mutants;
import org.junit.jupiter.api.Test;

/**
 * The conformance suite must kill every mutant of the local backend: each a real local client
 * with one defect. Prints the mutation table. The mutants that need a TCP server run in the
 * server backends' modules.
 */
class LocalMutationIT {

    @Test
    void theSuiteKillsEveryMutantOfTheLocalBackend() {
        MutationRun.of(LocalMutantSuite.class).run("local", Mutants.anyBackend()).assertEveryMutantKilled();
    }
}
