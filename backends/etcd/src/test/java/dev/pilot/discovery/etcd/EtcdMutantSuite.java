package dev.pilot.discovery.etcd;

import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.tck.mutation.MutationRun;
import dev.pilot.testservers.TestServer;

/** The conformance suite with every client wrapped in the mutant under test; run only by {@link EtcdMutationIT}. */
class EtcdMutantSuite extends EtcdConformanceIT {

    @Override
    protected ServiceBackend connect(TestServer server) {
        return MutationRun.mutate(super.connect(server), server);
    }
}
