package dev.pilot.discovery.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pilot.discovery.Instance;
import dev.pilot.discovery.spi.InstanceDocument;
import dev.pilot.discovery.tck.CapturedLog;
import dev.pilot.discovery.ServiceDefinition;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InstanceJsonTest {

    @Test
    void readsContainerPilotsJsonWithNullTags() throws Exception {
        Instance instance = read("{\"id\":\"web-host1\",\"name\":\"web\",\"address\":\"10.0.0.5\",\"port\":8080,\"tags\":null}");

        assertThat(instance).isEqualTo(new Instance("web-host1", "web", "10.0.0.5", 8080, List.of()));
    }

    @Test
    void writesContainerPilotsFieldsInItsOrderWithTagsAndMetaOnlyWhenThereIsSome() throws Exception {
        ServiceDefinition plain = new ServiceDefinition("web-1", "web", 8080, Duration.ofSeconds(10), List.of("blue"), "10.0.0.5");
        ServiceDefinition withMeta = new ServiceDefinition("web-1", "web", 8080, Duration.ofSeconds(10), List.of(), "10.0.0.5",
                Map.of("version", "2"));

        assertThat(new String(InstanceJson.write(plain), StandardCharsets.UTF_8))
                .isEqualTo("{\"id\":\"web-1\",\"name\":\"web\",\"address\":\"10.0.0.5\",\"port\":8080,\"tags\":[\"blue\"]}");
        JsonNode json = new ObjectMapper().readTree(InstanceJson.write(withMeta));
        assertThat(json.path("meta").path("version").asText()).isEqualTo("2");
    }

    @Test
    void whatItWritesReadsBackAsTheSameInstance() throws Exception {
        ServiceDefinition service = new ServiceDefinition("db-1", "db", 5432, Duration.ofSeconds(10), List.of("primary", "v1"),
                "10.0.0.7", Map.of("zone", "a"));

        assertThat(InstanceJson.read(InstanceJson.write(service), "db")).isEqualTo(service.toInstance());
    }

    @Test
    void unknownFieldsAreIgnoredAndAMissingAddressIsEmpty() throws Exception {
        assertThat(read("{\"id\":\"a\",\"name\":\"web\",\"port\":1,\"checks\":[1],\"expiresAt\":5}"))
                .isEqualTo(new Instance("a", "web", "", 1, List.of()));
    }

    @Test
    void malformedValuesSayWhatIsWrong() {
        assertMalformed("{\"id\": \"half a document", "not JSON");
        assertMalformed("[1, 2, 3]", "expected a JSON object, got array");
        assertMalformed("", "expected a JSON object, got nothing");
        assertMalformed("{\"name\":\"web\",\"port\":1}", "\"id\" is missing");
        assertMalformed("{\"id\":\"a\",\"port\":1}", "\"name\" is missing");
        assertMalformed("{\"id\":\"a\",\"name\":\"web\"}", "\"port\": expected a whole number from 1 to 65535");
        assertMalformed("{\"id\":\"a\",\"name\":\"web\",\"port\":\"80\"}", "\"port\": expected");
        assertMalformed("{\"id\":\"a\",\"name\":\"web\",\"port\":70000}", "\"port\": expected");
        assertMalformed("{\"id\":\"a\",\"name\":\"web\",\"port\":1,\"tags\":\"blue\"}", "\"tags\": expected");
        assertMalformed("{\"id\":\"a\",\"name\":\"web\",\"port\":1,\"tags\":[1]}", "\"tags\": expected");
        assertMalformed("{\"id\":\"a\",\"name\":\"web\",\"port\":1,\"address\":5}", "\"address\": expected");
        assertMalformed("{\"id\":\"a\",\"name\":\"web\",\"port\":1,\"meta\":{\"n\":1}}", "\"meta\": expected");
    }

    @Test
    void aKeyNamingAnotherServiceIsSkippedWithAWarningNamingTheKey() {
        EntryDecoder decoder = new EntryDecoder("127.0.0.1:2379");
        byte[] web = "{\"id\":\"web-1\",\"name\":\"web\",\"address\":\"10.0.0.5\",\"port\":8080}".getBytes(StandardCharsets.UTF_8);
        String log;
        try (CapturedLog captured = CapturedLog.start()) {
            assertThat(decoder.decode(new EtcdApi.KeyValue("/containerpilot/db/web-1", web, 7, 0), "db")).isEmpty();
            log = captured.text();
        }

        assertThat(log).contains("/containerpilot/db/web-1", "\"name\" is \"web\", not \"db\"");
    }

    private static Instance read(String json) throws InstanceDocument.Malformed {
        return InstanceJson.read(json.getBytes(StandardCharsets.UTF_8), null);
    }

    private static void assertMalformed(String json, String reason) {
        assertThatThrownBy(() -> read(json)).isInstanceOf(InstanceDocument.Malformed.class).hasMessageContaining(reason);
    }
}
