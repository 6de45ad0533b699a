package dev.pilot.discovery.consul;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pilot.discovery.Instance;
import org.junit.jupiter.api.Test;

/** The decode micro-benchmark reaches the Consul backend's own decoder and decodes every entry of its response. */
class ConsulDecodeBenchmarkTest {

    @Test
    void theBackendsDecoderReadsEveryEntry() throws Exception {
        ConsulDecodeBenchmark benchmark = new ConsulDecodeBenchmark();
        benchmark.size = 25;
        benchmark.setUp();

        assertThat(benchmark.decodeHealthResponse()).hasSize(25)
                .extracting(Instance::id).startsWith("api-000000", "api-000001");
    }
}
