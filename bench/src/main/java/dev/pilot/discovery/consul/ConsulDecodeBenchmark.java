package dev.pilot.discovery.consul;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pilot.discovery.Instance;
import dev.pilot.discovery.Upstream;
import dev.pilot.discovery.support.JsonValues;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Decoding a Consul {@code /v1/health/service/{name}} response of {@code size} instances, as the
 * Consul backend does on each blocking-query answer: bytes to maps and lists ({@link JsonValues},
 * Jackson's streaming parser), then the backend's own decoder ({@link HealthEntries}) to instances. It lives in the backend's package
 * (the benchmarks compile against the Consul backend for it) so that it names the decoder: a
 * rename or a new signature breaks the build instead of switching the benchmark off. The response has the shape a Consul 1.8 agent sends, with
 * a node, a service with tags and metadata, and two checks per entry.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ConsulDecodeBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Param({"10000"})
    public int size;

    private final Upstream upstream = new Upstream("api", "");
    private HealthEntries decoder;
    private byte[] response;

    @Setup
    public void setUp() throws IOException {
        decoder = new HealthEntries();
        response = JSON.writeValueAsBytes(healthResponse(size));
    }

    @Benchmark
    public List<Instance> decodeHealthResponse() throws IOException {
        return decoder.parse((List<?>) JsonValues.parse(response), upstream);
    }

    /** A health response of {@code size} entries, shaped as a Consul 1.8 agent sends it. */
    public static List<Map<String, Object>> healthResponse(int size) {
        List<Map<String, Object>> entries = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            String node = "node-" + (i % 50);
            String id = String.format("api-%06d", i);
            String address = "10." + (i >> 16 & 0xff) + "." + (i >> 8 & 0xff) + "." + (i & 0xff);
            entries.add(Map.of(
                    "Node", Map.of("ID", "00000000-0000-0000-0000-0000000000" + String.format("%02d", i % 50), "Node", node,
                            "Address", address, "Datacenter", "dc1", "TaggedAddresses", Map.of("lan", address, "wan", address),
                            "Meta", Map.of("consul-network-segment", ""), "CreateIndex", 10, "ModifyIndex", 12),
                    "Service", Map.of("ID", id, "Service", "api", "Tags", List.of("blue", "v2"), "Address", address,
                            "Meta", Map.of("zone", "zone-" + i % 3), "Port", 8080, "Weights", Map.of("Passing", 1, "Warning", 1),
                            "EnableTagOverride", false, "CreateIndex", 100 + i, "ModifyIndex", 100 + i),
                    "Checks", List.of(
                            map("Node", node, "CheckID", "serfHealth", "Name", "Serf Health Status", "Status", "passing",
                                    "Notes", "", "Output", "Agent alive and reachable", "ServiceID", "", "ServiceName", "",
                                    "ServiceTags", List.of(), "CreateIndex", 10, "ModifyIndex", 10),
                            map("Node", node, "CheckID", "service:" + id, "Name", "api", "Status", "passing",
                                    "Notes", "", "Output", "ok", "ServiceID", id, "ServiceName", "api",
                                    "ServiceTags", List.of("blue", "v2"), "CreateIndex", 100 + i, "ModifyIndex", 200 + i))));
        }
        return entries;
    }

    /** A map of more pairs than {@code Map.of} takes, in order. */
    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
