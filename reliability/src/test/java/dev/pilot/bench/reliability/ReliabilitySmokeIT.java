package dev.pilot.bench.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pilot.testservers.ServerBinaries;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reliability suite still runs, briefly: on every backend's real server, a wiped catalog and a
 * short partition (less than the TTL) lose no registration and recover; during the short partition
 * no watch sees a service vanish; a few hundred fuzzed catalog documents end in instances or a
 * DiscoveryException, never anything else. And no log written so far by the test command holds a
 * credential the tests use. The figures themselves are what {@code scripts/reliability} reports.
 */
class ReliabilitySmokeIT {

    private static final int SERVICES = 3;
    /** Lost registrations are counted this long after recovery: past the fleet's TTL, so one that did not stay is gone. */
    private static final Duration LOST_AFTER = Fleet.TTL.plusSeconds(2);

    @BeforeAll
    static void serversAreInstalled() {
        ServerBinaries.consul();
        ServerBinaries.etcd();
    }

    @Test
    void aWipedCatalogAndAShortPartitionLoseNothingOnEveryBackend() {
        for (String backend : ReliabilityMain.BACKENDS) {
            try (FaultTarget target = ReliabilityMain.target(backend)) {
                FaultFigures wiped = FaultRun.run(target, FaultScenario.WIPED, SERVICES, "smoke-w", LOST_AFTER);
                assertThat(wiped.recoverSeconds()).as(backend + " recovers after a wipe").isFinite();
                assertThat(wiped.lost()).as(backend + " registrations lost after a wipe").isZero();
                assertThat(wiped.lostAfterSeconds()).isEqualTo(LOST_AFTER.toSeconds());

                FaultFigures cut = FaultRun.run(target, FaultScenario.PARTITION_SHORT, SERVICES, "smoke-p", LOST_AFTER);
                if (cut.injected()) {
                    assertThat(cut.recoverSeconds()).as(backend + " recovers after a short partition").isFinite();
                    assertThat(cut.lost()).as(backend + " registrations lost after a short partition").isZero();
                    assertThat(cut.partialDeliveries()).as(backend + " watches that saw a service vanish").isZero();
                    assertThat(cut.writesWhileCut()).as(backend + " kept trying while cut").isPositive();
                }

                PayloadFuzz.Result fuzzed = PayloadFuzz.run(target, 300, 20261127L);
                assertThat(fuzzed.escapes()).as(backend + ": what escaped reading fuzzed documents").isEmpty();
                assertThat(fuzzed.allEscapes()).as(backend + ": escapes counted").isZero();
            }
        }
    }

    @Test
    void noLogOfTheTestCommandHoldsACredential() {
        Path repository = Path.of("").toAbsolutePath().getParent();
        SecretScan.Result scan = SecretScan.scan(repository, List.of(repository));

        assertThat(scan.credentials()).as("credentials found in the tests").isNotEmpty();
        assertThat(scan.hits()).as("logs holding a credential").isEmpty();
    }
}
