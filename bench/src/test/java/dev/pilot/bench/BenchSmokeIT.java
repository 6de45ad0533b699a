package dev.pilot.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pilot.bench.catalog.Catalogs;
import dev.pilot.bench.idle.IdleRow;
import dev.pilot.bench.latency.LatencyRow;
import dev.pilot.bench.micro.MicroRow;
import dev.pilot.bench.throughput.ThroughputRow;
import dev.pilot.bench.report.Report;
import dev.pilot.discovery.tck.servers.ServerBinaries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmarks still run: every measurement, with the smoke profile's tiny counts, against
 * every backend's real server, stores a result whose raw-client rows hold numbers, and the
 * report is drawn from them. Pilot's rows hold numbers wherever the backend is on the class path.
 * Speed is not asserted here: that is what the benchmarks report.
 */
class BenchSmokeIT {

    @TempDir
    static Path directory;

    static List<ResultFile<?>> results;
    static Path report;

    @BeforeAll
    static void runEveryMeasurementOnce() {
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
        assertPilotRowsMeasuredWhereAvailable(rows, LatencyRow::backend, LatencyRow::raw, LatencyRow::status);
    }

    @Test
    void everyBackendsHeartbeatsAreCountedForBothClients() {
        List<ThroughputRow> rows = rows("heartbeat-throughput", ThroughputRow.class);
        assertNoFailures(rows, ThroughputRow::status, ThroughputRow::note);
        assertThat(rows).filteredOn(ThroughputRow::raw).hasSize(Catalogs.ALL.size())
                .allSatisfy(row -> assertThat(row.perSecond()).as(row.backend()).isPositive());
        assertPilotRowsMeasuredWhereAvailable(rows, ThroughputRow::backend, ThroughputRow::raw, ThroughputRow::status);
    }

    @Test
    void idleLoadHasARowForEveryServer() {
        List<IdleRow> rows = rows("idle-load", IdleRow.class);
        assertNoFailures(rows, IdleRow::status, IdleRow::note);
        assertThat(rows).extracting(IdleRow::backend).containsExactly("consul", "etcd", "zookeeper");
        assertPilotRowsMeasuredWhereAvailable(rows, IdleRow::backend, row -> false, IdleRow::status);
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
                                                                  java.util.function.Predicate<R> raw, Function<R, Status> status) {
        var available = dev.pilot.discovery.Backends.fromClassPath();
        rows.stream().filter(row -> !raw.test(row)).forEach(row -> assertThat(status.apply(row)).as(backend.apply(row))
                .isEqualTo(available.contains(backend.apply(row)) ? Status.MEASURED : Status.NOT_MEASURED));
    }
}
