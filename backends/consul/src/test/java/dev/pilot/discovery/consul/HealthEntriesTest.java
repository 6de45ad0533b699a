package dev.pilot.discovery.consul;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pilot.discovery.Instance;
import dev.pilot.discovery.Upstream;
import dev.pilot.discovery.support.JsonValues;
import dev.pilot.discovery.tck.CapturedLog;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthEntriesTest {

    private static final Upstream DB = new Upstream("db", "");

    private static List<Instance> parse(String json) throws Exception {
        return new HealthEntries().parse((List<?>) JsonValues.parse(json), DB);
    }

    @Test
    void eachEntryIsAnInstanceSortedById() throws Exception {
        List<Instance> instances = parse("""
                [{"Node": {"Node": "n1", "Address": "10.0.0.1"},
                  "Service": {"ID": "db-2", "Service": "db", "Tags": ["replica"], "Address": "10.0.0.12", "Port": 5433,
                              "Meta": {"zone": "a"}},
                  "Checks": []},
                 {"Node": {"Node": "n1", "Address": "10.0.0.1"},
                  "Service": {"ID": "db-1", "Service": "db", "Tags": null, "Address": "10.0.0.11", "Port": 5432, "Meta": null},
                  "Checks": []}]
                """);

        assertThat(instances).containsExactly(
                new Instance("db-1", "db", "10.0.0.11", 5432, List.of()),
                new Instance("db-2", "db", "10.0.0.12", 5433, List.of("replica"), Map.of("zone", "a")));
    }

    @Test
    void aServiceWithoutAddressHasItsNodesAddress() throws Exception {
        List<Instance> instances = parse("""
                [{"Node": {"Address": "10.0.0.1"}, "Service": {"ID": "db-1", "Service": "db", "Address": "", "Port": 5432}}]
                """);

        assertThat(instances).extracting(Instance::address).containsExactly("10.0.0.1");
    }

    @Test
    void malformedEntriesAreSkipped() throws Exception {
        List<Instance> instances = parse("""
                [{"Node": {}, "Service": {"Service": "db", "Port": 5432}},
                 {"Node": {}, "Service": {"ID": "db-9", "Service": "db", "Port": 70000}},
                 {"Node": {}},
                 42,
                 {"Node": {}, "Service": {"ID": "db-1", "Service": "db", "Address": "10.0.0.11", "Port": 5432}}]
                """);

        assertThat(instances).extracting(Instance::id).containsExactly("db-1");
    }

    @Test
    void aPortOfZeroIsSkippedAsEveryBackendSkipsIt() throws Exception {
        List<Instance> instances = parse("""
                [{"Node": {}, "Service": {"ID": "db-0", "Service": "db", "Address": "10.0.0.10", "Port": 0}},
                 {"Node": {}, "Service": {"ID": "db-1", "Service": "db", "Address": "10.0.0.11", "Port": 5432}}]
                """);

        assertThat(instances).extracting(Instance::id).containsExactly("db-1");
    }

    @Test
    void aSkippedEntryIsNamedWithItsReasonOnceHoweverOftenItIsRead() throws Exception {
        HealthEntries entries = new HealthEntries();
        List<?> answer = (List<?>) JsonValues.parse("""
                [{"Node": {"Node": "n7"}, "Service": {"ID": "db-9", "Service": "db", "Port": 70000}},
                 {"Node": {}, "Service": {"ID": "db-1", "Service": "db", "Address": "10.0.0.11", "Port": 5432}}]
                """);
        String log;
        try (CapturedLog captured = CapturedLog.start()) {
            entries.parse(answer, DB);
            entries.parse(answer, DB);
            entries.parse(answer, DB);
            log = captured.text();
        }

        assertThat(log.lines().filter(line -> line.contains("skipping"))).singleElement().asString()
                .contains("service db-9 on node n7", "\"port\": expected a whole number from 1 to 65535, got 70000");
    }

    @Test
    void anEmptyAnswerIsAnEmptySet() throws Exception {
        assertThat(parse("[]")).isEmpty();
    }
}
