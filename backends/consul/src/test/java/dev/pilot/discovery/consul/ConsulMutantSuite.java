package dev.pilot.discovery.consul;

import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.tck.mutation.MutationRun;
import dev.pilot.testservers.TestServer;

/** The conformance suite with every client wrapped in the mutant under test; run only by {@link ConsulMutationIT}. */
class ConsulMutantSuite extends ConsulConformanceIT {

    @Override
    protected ServiceBackend connect(TestServer server) {
        return MutationRun.mutate(super.connect(server), server);
    }
}
