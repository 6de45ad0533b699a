package dev.pilot.bench.reliability;

/**
 * What one fault did to one backend.
 *
 * @param backend           the backend
 * @param scenario          the fault
 * @param services          services heartbeating (and as many watches)
 * @param notInjected       why the fault could not be injected here; null when it was
 * @param recoverSeconds    from the catalog's restoration (server ready, SIGCONT, heal) until every
 *                          service is registered again and every watch holds its full set; NaN when
 *                          that did not happen within the deadline
 * @param lost              registrations missing once the deadline passed (goal 0)
 * @param partialDeliveries watch deliveries, from the fault to recovery, of a set without the
 *                          service's one instance (an empty set): onChange runs an agent would make
 * @param failedHeartbeats  heartbeats that threw during the fault and recovery
 * @param writesWhileCut    client writes the proxy dropped while cut (partitions only)
 * @param connectsWhileCut  connections the client opened while cut (partitions only)
 */
record FaultFigures(String backend, FaultScenario scenario, int services, String notInjected, double recoverSeconds,
                    int lost, long partialDeliveries, long failedHeartbeats, long writesWhileCut, long connectsWhileCut) {

    static FaultFigures notInjected(String backend, FaultScenario scenario, String why) {
        return new FaultFigures(backend, scenario, 0, why, Double.NaN, 0, 0, 0, 0, 0);
    }

    boolean injected() {
        return notInjected == null;
    }
}
