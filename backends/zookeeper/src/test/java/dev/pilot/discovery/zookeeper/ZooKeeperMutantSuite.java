package dev.pilot.discovery.zookeeper;

import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.tck.mutation.MutationRun;
import dev.pilot.discovery.tck.mutation.StopAfterFirstFailure;
import dev.pilot.testservers.TestServer;
import org.junit.jupiter.api.extension.ExtendWith;

/** The conformance suite with every client wrapped in the mutant under test; run only by {@link ZooKeeperMutationIT}. */
@ExtendWith(StopAfterFirstFailure.class)
class ZooKeeperMutantSuite extends ZooKeeperConformanceIT {

    @Override
    protected ServiceBackend connect(TestServer server) {
        return MutationRun.mutate(super.connect(server), server);
    }
}
