package dev.pilot.bench.micro;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pilot.discovery.consul.ConsulDecodeBenchmark;
import java.io.IOException;
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
 * The floor under decoding a Consul health response of {@code size} instances (the same bytes as
 * {@link ConsulDecodeBenchmark}): reading every JSON token with Jackson's streaming parser, and
 * building Jackson's tree of it. No decoder can do less than the first; a decoder built on the
 * tree does at least the second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class JsonParseFloorBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Param({"10000"})
    public int size;

    private byte[] response;

    @Setup
    public void setUp() throws IOException {
        response = JSON.writeValueAsBytes(ConsulDecodeBenchmark.healthResponse(size));
    }

    @Benchmark
    public int tokensOnly() throws IOException {
        int tokens = 0;
        try (JsonParser parser = JSON.getFactory().createParser(response)) {
            while (parser.nextToken() != null) {
                tokens++;
            }
        }
        return tokens;
    }

    @Benchmark
    public JsonNode treeOnly() throws IOException {
        return JSON.readTree(response);
    }

    /** The size of the response, for the table. */
    static int responseBytes(int size) {
        try {
            return JSON.writeValueAsBytes(ConsulDecodeBenchmark.healthResponse(size)).length;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
