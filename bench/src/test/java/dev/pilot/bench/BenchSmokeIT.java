package dev.pilot.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pilot.bench.agent.AgentArtifact;
import dev.pilot.bench.agent.DistTarball;
import dev.pilot.bench.catalog.Catalogs;
import dev.pilot.bench.footprint.FootprintRow;
import dev.pilot.bench.scale.ScaleRow;
import dev.pilot.bench.idle.IdleRow;
import dev.pilot.bench.latency.LatencyRow;
import dev.pilot.bench.micro.MicroRow;
import dev.pilot.bench.throughput.ThroughputRow;
import dev.pilot.bench.report.Report;
import dev.pilot.testservers.ServerBinaries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmarks still run: every measurement, with the smoke profile's tiny counts, against
 * every backend's real server, stores a result whose raw-client rows hold numbers, and the
 * report is drawn from them. Pilot's rows hold numbers wherever the backend is on the class path.
 * Speed is not asserted here: that is what the benchmarks report.
 *
 * <p>Whether the agent's jar and the tarball are there is decided once, before the run, and
 * pinned for it: every measurement and every assertion below sees the same answer, even if a
 * build writes one of them meanwhile. The reactor builds both before this module (its POM
 * depends on {@code pilot-dist}), so in CI, where a missing one would leave rows unmeasured,
 * a missing one fails the run.
 */
class BenchSmokeIT {

    @TempDir
    static Path directory;

    static List<ResultFile<?>> results;
    static Path report;

    @BeforeAll
    static void runEveryMeasurementOnce() {
        pin(AgentArtifact.PROPERTY, AgentArtifact.find(), "agent/target/pilot.jar");
        pin(DistTarball.PROPERTY, DistTarball.find(), "dist/target/pilot-*-linux-x64.tar.xz");
        ServerBinaries.consul();
        ServerBinaries.etcd();
        ResultStore store = new ResultStore(directory.resolve("results"));
        results = new BenchRunner(store, "BenchSmokeIT").run(Measurements.all(), Catalogs.ALL, Profile.SMOKE);
        report = directory.resolve("BENCHMARKS.md");
        new Report(Measurements.sections()).write(store, report);
    }

    @Test
    void everyMeasurementStoresAResultFile() {
        assertThat(results).extracting(ResultFile::measurement)
                .containsExactlyElementsOf(Measurements.all().stream().map(Measurement::id).toList());
        for (ResultFile<?> result : results) {
            assertThat(directory.resolve("results").resolve(result.measurement() + ".json")).isNotEmptyFile();
            assertThat(result.machine().cores()).isPositive();
        }
    }

    @Test
    void changeDetectionIsMeasuredAtBothSizes() {
        List<MicroRow> rows = rows("change-detection", MicroRow.class);
        assertThat(rows).filteredOn(row -> row.status() == Status.MEASURED)
                .extracting(MicroRow::size).contains(1_000, 10_000);
        assertThat(rows).filteredOn(row -> row.status() == Status.MEASURED).allSatisfy(row -> assertThat(row.score()).isPositive());
        assertNoFailures(rows, MicroRow::status, MicroRow::note);
    }

    @Test
    void everyBackendsRawClientSeesEveryChange() {
        List<LatencyRow> rows = rows("change-latency", LatencyRow.class);
        assertNoFailures(rows, LatencyRow::status, LatencyRow::note);
        Map<String, LatencyRow> raw = rows.stream().filter(LatencyRow::raw)
                .collect(Collectors.toMap(LatencyRow::backend, Function.identity()));
        assertThat(raw).containsOnlyKeys(Catalogs.ALL);
        raw.values().forEach(row -> {
            assertThat(row.latency().count()).as(row.backend()).isEqualTo(Profile.SMOKE.changes());
            assertThat(row.samplesMicros()).as(row.backend()).hasSize(Profile.SMOKE.changes());
        });
        assertPilotRowsMeasuredWhereAvailable(rows, LatencyRow::backend, LatencyRow::raw,
                row -> row.observer().equals(LatencyRow.AGENT), LatencyRow::status);
    }

    @Test
    void everyBackendsHeartbeatsAreCountedForBothClients() {
        List<ThroughputRow> rows = rows("heartbeat-throughput", ThroughputRow.class);
        assertNoFailures(rows, ThroughputRow::status, ThroughputRow::note);
        assertThat(rows).filteredOn(ThroughputRow::raw).hasSize(Catalogs.ALL.size())
                .allSatisfy(row -> assertThat(row.perSecond()).as(row.backend()).isPositive());
        assertPilotRowsMeasuredWhereAvailable(rows, ThroughputRow::backend, ThroughputRow::raw, row -> false,
                ThroughputRow::status);
    }

    @Test
    void idleLoadHasALibraryAndAnAgentRowForEveryServer() {
        List<IdleRow> rows = rows("idle-load", IdleRow.class);
        assertNoFailures(rows, IdleRow::status, IdleRow::note);
        assertThat(rows).extracting(IdleRow::backend).containsExactly("consul", "consul", "etcd", "etcd", "zookeeper", "zookeeper");
        rows.forEach(row -> assertThat(row.status()).as(row.backend() + ", " + row.client())
                .isEqualTo(expected(row.backend(), row.client().startsWith("agent"))));
    }

    @Test
    void theAgentIsMeasuredWhenItsJarIsBuiltAndTheTarballOnEveryBackendWhenItIsBuilt() {
        List<FootprintRow> footprint = rows("agent-footprint", FootprintRow.class);
        assertNoFailures(footprint, FootprintRow::status, FootprintRow::note);
        assertThat(footprint).filteredOn(row -> row.kind().equals("variant") || row.kind().equals("jvm")).isNotEmpty()
                .allSatisfy(row -> assertThat(row.status()).as(row.variant())
                        .isEqualTo(AgentArtifact.find().isPresent() ? Status.MEASURED : Status.NOT_MEASURED));
        assertThat(footprint).filteredOn(FootprintRow::tarball).extracting(FootprintRow::backend)
                .containsExactlyElementsOf(Catalogs.ALL);
        assertThat(footprint).filteredOn(FootprintRow::tarball).allSatisfy(row -> assertThat(row.status()).as(row.variant())
                .isEqualTo(DistTarball.find().isPresent() ? Status.MEASURED : Status.NOT_MEASURED));
        // the floor: the tarball's runtime running no agent, under every tarball row
        assertThat(footprint).filteredOn(row -> row.kind().equals("runtime")).singleElement().satisfies(floor -> {
            assertThat(floor.status()).isEqualTo(DistTarball.find().isPresent() ? Status.MEASURED : Status.NOT_MEASURED);
            assertThat(footprint).filteredOn(FootprintRow::tarball).filteredOn(row -> row.status() == Status.MEASURED)
                    .allSatisfy(row -> assertThat(row.idleRssMb()).as(row.variant()).isGreaterThan(floor.idleRssMb()));
        });
        // the profile's agents per backend and launcher, each one's share of memory read
        assertThat(footprint).filteredOn(row -> row.status() == Status.MEASURED && !row.kind().equals("variant"))
                .allSatisfy(row -> {
                    assertThat(row.agents()).as(row.variant()).isEqualTo(Profile.SMOKE.footprintAgents());
                    assertThat(row.pssMbPerAgent()).as(row.variant()).isPositive().isLessThanOrEqualTo(row.idleRssMb());
                    assertThat(row.ussMbPerAgent()).as(row.variant()).isPositive().isLessThanOrEqualTo(row.pssMbPerAgent());
                });
        List<ScaleRow> scale = rows("scale", ScaleRow.class);
        assertNoFailures(scale, ScaleRow::status, ScaleRow::note);
        scale.forEach(row -> assertThat(row.status()).as(row.backend()).isEqualTo(expected(row.backend(), false)));
    }

    @Test
    void theScaleLadderClimbsEveryRungWithChangesConnectionsAndMemoryMeasured() {
        List<ScaleRow> rows = rows("scale", ScaleRow.class);
        for (String backend : Catalogs.ALL) {
            if (expected(backend, false) != Status.MEASURED) {
                continue;
            }
            List<ScaleRow> library = rows.stream().filter(row -> row.backend().equals(backend) && row.process().equals("library")).toList();
            assertThat(library).as(backend).extracting(ScaleRow::upstreams)
                    .containsExactlyElementsOf(java.util.stream.Stream.concat(java.util.stream.Stream.of(1),
                            Profile.SMOKE.scaleRungs().stream()).toList());
            assertThat(library).allSatisfy(row -> {
                assertThat(row.status()).as(row.note()).isEqualTo(Status.MEASURED);
                assertThat(row.rawCeiling()).as(backend + " raw ceiling").isPositive();
                assertThat(row.changeMedianMs()).as(backend + " change latency; " + row.note()).isGreaterThanOrEqualTo(0);
                assertThat(row.threads()).as(backend + " threads").isPositive();
                // counted by the workload itself once every watch delivered its first set: cannot be missed
                assertThat(row.connections()).as(backend + " connections")
                        .satisfies(count -> assertThat(backend.equals("local") ? count == -1 : count >= 1).isTrue());
                assertThat(row.outcome().memory()).extracting(dev.pilot.bench.scale.MemoryPoint::stage)
                        .containsExactly("one service", "services", "one watch", "watches", "end");
                assertThat(row.outcome().memory()).allSatisfy(point -> assertThat(point.nativeKb()).isPositive());
                assertThat(row.outcome().nativeEndKb()).containsKey("Java Heap");
            });
            if (AgentArtifact.find().isPresent()) {
                List<ScaleRow> agent = rows.stream().filter(row -> row.backend().equals(backend) && row.process().equals("agent")).toList();
                assertThat(agent).extracting(ScaleRow::upstreams).containsExactlyElementsOf(Profile.SMOKE.scaleRungs());
                assertThat(agent).allSatisfy(row -> {
                    assertThat(row.status()).as(row.note()).isEqualTo(Status.MEASURED);
                    assertThat(row.note()).as(backend + " agent").contains(row.services() + " of " + row.services() + " healthy at the end");
                    assertThat(row.connections()).as(backend + " agent connections")
                            .satisfies(count -> assertThat(backend.equals("local") ? count == -1 : count >= 1).isTrue());
                });
            }
        }
    }

    @Test
    void theReportHoldsEveryTableAndItsCharts() throws Exception {
        String text = Files.readString(report);
        for (Measurement measurement : Measurements.all()) {
            assertThat(text).contains("<!-- bench:" + measurement.id() + " -->", "<!-- /bench:" + measurement.id() + " -->");
        }
        assertThat(text).contains("| cores | " + Runtime.getRuntime().availableProcessors() + " |");
        for (String backend : Catalogs.ALL) {
            assertThat(directory.resolve("results/charts/change-latency-" + backend + ".png")).isNotEmptyFile();
        }
        assertThat(directory.resolve("results/charts/scale-rss.png")).isNotEmptyFile();
        assertThat(directory.resolve("results/charts/scale-cpu.png")).isNotEmptyFile();
    }

    /**
     * Pins what {@code property} names to what was found now, or to a path that never exists:
     * {@link AgentArtifact#find()} and {@link DistTarball#find()} read the property first.
     */
    private static void pin(String property, Optional<Path> found, String what) {
        if (ServerBinaries.runningInCi()) {
            assertThat(found).as("CI builds " + what + " before the benchmarks' smoke test").isPresent();
        }
        System.setProperty(property, found.orElse(directory.resolve("absent")).toString());
    }

    @SuppressWarnings("unchecked")
    private static <R> List<R> rows(String measurement, Class<R> type) {
        ResultFile<?> result = results.stream().filter(file -> file.measurement().equals(measurement)).findFirst().orElseThrow();
        assertThat(result.rows()).isNotEmpty().allSatisfy(row -> assertThat(row).isInstanceOf(type));
        return (List<R>) result.rows();
    }

    private static <R> void assertNoFailures(List<R> rows, Function<R, Status> status, Function<R, String> note) {
        assertThat(rows).allSatisfy(row -> assertThat(status.apply(row)).as(note.apply(row)).isNotEqualTo(Status.FAILED));
    }

    private static <R> void assertPilotRowsMeasuredWhereAvailable(List<R> rows, Function<R, String> backend,
                                                                  Predicate<R> raw, Predicate<R> needsAgent,
                                                                  Function<R, Status> status) {
        rows.stream().filter(row -> !raw.test(row)).forEach(row -> assertThat(status.apply(row)).as(backend.apply(row))
                .isEqualTo(expected(backend.apply(row), needsAgent.test(row))));
    }

    /** Pilot's rows are measured where the backend is on the class path (and the agent's jar is built, for the agent's). */
    private static Status expected(String backend, boolean needsAgent) {
        boolean available = dev.pilot.discovery.Backends.fromClassPath().contains(backend)
                && (!needsAgent || AgentArtifact.find().isPresent());
        return available ? Status.MEASURED : Status.NOT_MEASURED;
    }
}
