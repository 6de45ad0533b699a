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
 * @param lost              registrations the independent client did not find {@code lostAfterSeconds}
 *                          after recovery (or after the deadline, when it did not recover), the
 *                          fleet heartbeating meanwhile (goal 0)
 * @param lostAfterSeconds  how long after recovery {@code lost} was counted (0 in figures stored
 *                          before it was measured so: counted at recovery, hence 0 by construction)
 * @param partialDeliveries watch deliveries, from the fault to recovery, of a set without the
 *                          service's one instance (an empty set): onChange runs an agent would make
 * @param failedHeartbeats  heartbeats that threw during the fault and recovery
 * @param writesWhileCut    client writes the proxy dropped while cut (partitions only)
 * @param connectsWhileCut  connections the client opened while cut (partitions only)
 */
record FaultFigures(String backend, FaultScenario scenario, int services, String notInjected, double recoverSeconds,
                    int lost, long lostAfterSeconds, long partialDeliveries, long failedHeartbeats, long writesWhileCut, long connectsWhileCut) {

    static FaultFigures notInjected(String backend, FaultScenario scenario, String why) {
        return new FaultFigures(backend, scenario, 0, why, Double.NaN, 0, 0, 0, 0, 0, 0);
    }

    boolean injected() {
        return notInjected == null;
    }
}
