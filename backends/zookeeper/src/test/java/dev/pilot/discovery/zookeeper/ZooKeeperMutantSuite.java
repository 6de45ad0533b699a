package dev.pilot.discovery.zookeeper;

import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.tck.mutation.MutationRun;
import dev.pilot.testservers.TestServer;

/** The conformance suite with every client wrapped in the mutant under test; run only by {@link ZooKeeperMutationIT}. */
class ZooKeeperMutantSuite extends ZooKeeperConformanceIT {

    @Override
    protected ServiceBackend connect(TestServer server) {
        return MutationRun.mutate(super.connect(server), server);
    }
}
