package dev.pilot.discovery.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pilot.discovery.Instance;
import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.discovery.spi.InstanceDocument;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InstanceJsonTest {

    @Test
    void writesContainerPilotsDocumentFieldForField() {
        ServiceDefinition web = new ServiceDefinition("web-1", "web", 8080, Duration.ofSeconds(10), List.of("a", "b"), "10.0.0.1");

        assertThat(text(InstanceJson.write(web)))
                .isEqualTo("{\"id\":\"web-1\",\"name\":\"web\",\"address\":\"10.0.0.1\",\"port\":8080,\"tags\":[\"a\",\"b\"]}");
    }

    @Test
    void metadataIsAnExtraFieldInKeyOrder() {
        ServiceDefinition web = new ServiceDefinition("web-1", "web", 8080, Duration.ofSeconds(10), List.of(), "10.0.0.1",
                Map.of("zone", "b", "az", "1"));

        assertThat(text(InstanceJson.write(web))).endsWith(",\"tags\":[],\"meta\":{\"az\":\"1\",\"zone\":\"b\"}}");
    }

    @Test
    void readsWhatItWrites() throws Exception {
        ServiceDefinition web = new ServiceDefinition("web-1", "web", 8080, Duration.ofSeconds(10), List.of("a"), "10.0.0.1",
                Map.of("zone", "b"));

        assertThat(InstanceJson.read(InstanceJson.write(web), "web")).isEqualTo(web.toInstance());
    }

    @Test
    void readsContainerPilotWritersThatLeaveTagsOutOrNullAndAddFields() throws Exception {
        assertThat(read("{\"id\":\"a\",\"name\":\"db\",\"address\":\"10.0.0.2\",\"port\":5432}"))
                .isEqualTo(new Instance("a", "db", "10.0.0.2", 5432, List.of()));
        assertThat(read("{\"id\":\"a\",\"name\":\"db\",\"address\":\"10.0.0.2\",\"port\":5432,\"tags\":null}"))
                .isEqualTo(new Instance("a", "db", "10.0.0.2", 5432, List.of()));
        assertThat(read("{\"id\":\"a\",\"name\":\"db\",\"address\":\"10.0.0.2\",\"port\":5432,\"tags\":[\"x\"],\"ttl\":10}"))
                .isEqualTo(new Instance("a", "db", "10.0.0.2", 5432, List.of("x")));
        assertThat(read("{\"id\":\"a\",\"name\":\"web\",\"port\":1,\"checks\":[1],\"expiresAt\":5}"))
                .isEqualTo(new Instance("a", "web", "", 1, List.of()));
    }

    @Test
    void emptyDataIsADocumentOfNothingAndBadBytesAreNotJson() {
        assertMalformed("", "expected a JSON object, got nothing");
        assertMalformed("  \n", "expected a JSON object, got nothing");
        assertMalformed(" \t\r\n ", "expected a JSON object, got nothing");
        assertMalformed("\u2003", "not JSON ("); // an em space is blank text but not JSON's whitespace
        assertThatThrownBy(() -> InstanceJson.read(null, null)).hasMessage("expected a JSON object, got nothing");
        assertMalformed("{\"id\": \"half a document", "not JSON (");
        assertMalformed("[1, 2, 3]", "expected a JSON object, got array");
    }

    @Test
    void malformedDocumentsSayWhatIsWrong() {
        assertMalformed("{\"name\":\"db\",\"address\":\"x\",\"port\":1}", "\"id\" is missing");
        assertMalformed("{\"id\":\"a\",\"port\":1}", "\"name\" is missing");
        assertMalformed("{\"id\":\"\",\"name\":\"db\",\"address\":\"x\",\"port\":1}", "\"id\": expected a non-blank string");
        assertMalformed("{\"id\":\"a\",\"name\":\"web\"}", "\"port\": expected a whole number from 1 to 65535");
        assertMalformed("{\"id\":\"a\",\"name\":\"db\",\"address\":\"x\",\"port\":\"80\"}", "\"port\": expected a whole number");
        assertMalformed("{\"id\":\"a\",\"name\":\"db\",\"address\":\"x\",\"port\":0}", "\"port\": expected a whole number from 1 to 65535");
        assertMalformed("{\"id\":\"a\",\"name\":\"web\",\"port\":70000}", "\"port\": expected");
        assertMalformed("{\"id\":\"a\",\"name\":\"db\",\"address\":\"x\",\"port\":80.5}", "\"port\"");
        assertMalformed("{\"id\":\"a\",\"name\":\"db\",\"address\":\"x\",\"port\":80,\"tags\":\"x\"}", "\"tags\": expected an array");
        assertMalformed("{\"id\":\"a\",\"name\":\"db\",\"address\":\"x\",\"port\":80,\"tags\":[1]}", "\"tags\": expected an array of strings");
        assertMalformed("{\"id\":\"a\",\"name\":\"db\",\"address\":\"x\",\"port\":80,\"meta\":{\"k\":1}}", "\"meta\": expected string values");
        assertMalformed("{\"id\":\"a\",\"name\":\"db\",\"address\":7,\"port\":80}", "\"address\": expected");
    }

    @Test
    void aDocumentFiledUnderAnotherServiceIsMalformed() {
        byte[] web = "{\"id\":\"web-1\",\"name\":\"web\",\"port\":8080}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> InstanceJson.read(web, "db")).hasMessageContaining("\"name\" is \"web\", not \"db\"");
    }

    private static Instance read(String json) throws InstanceDocument.Malformed {
        return InstanceJson.read(json.getBytes(StandardCharsets.UTF_8), null);
    }

    private static void assertMalformed(String json, String reason) {
        assertThatThrownBy(() -> read(json)).isInstanceOf(InstanceDocument.Malformed.class).hasMessageContaining(reason);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
