package dev.pilot.discovery.spi;

import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.discovery.Instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InstanceDocumentTest {

    private static Map<String, Object> document(Object... fields) {
        Map<String, Object> document = new LinkedHashMap<>();
        for (int i = 0; i < fields.length; i += 2) {
            document.put((String) fields[i], fields[i + 1]);
        }
        return document;
    }

    @Test
    void encodesContainerPilotsFieldsInItsOrderAndMetaSortedOnlyWhenThereIsSome() {
        ServiceDefinition plain = new ServiceDefinition("web-1", "web", 8080, Duration.ofSeconds(10), List.of("blue"), "10.0.0.5");
        ServiceDefinition withMeta = new ServiceDefinition("web-1", "web", 8080, Duration.ofSeconds(10), List.of(), "10.0.0.5",
                Map.of("zone", "b", "az", "1"));

        assertThat(InstanceDocument.encode(plain)).containsExactly(Map.entry("id", "web-1"), Map.entry("name", "web"),
                Map.entry("address", "10.0.0.5"), Map.entry("port", 8080), Map.entry("tags", List.of("blue")));
        assertThat(InstanceDocument.encode(withMeta)).containsKeys("id", "name", "address", "port", "tags", "meta");
        assertThat(List.copyOf(((Map<?, ?>) InstanceDocument.encode(withMeta).get("meta")).keySet())).isEqualTo(List.of("az", "zone"));
    }

    @Test
    void whatItEncodesDecodesToTheSameInstance() throws Exception {
        ServiceDefinition db = new ServiceDefinition("db-1", "db", 5432, Duration.ofSeconds(10), List.of("primary"), "10.0.0.7",
                Map.of("zone", "a"));

        assertThat(InstanceDocument.decode(InstanceDocument.encode(db), "db")).isEqualTo(db.toInstance());
    }

    @Test
    void containerPilotWritersThatLeaveTagsAndAddressOutOrNullAndAddFieldsAreRead() throws Exception {
        assertThat(InstanceDocument.decode(document("id", "a", "name", "db", "address", "10.0.0.2", "port", 5432, "tags", null), "db"))
                .isEqualTo(new Instance("a", "db", "10.0.0.2", 5432, List.of()));
        assertThat(InstanceDocument.decode(document("id", "a", "name", "db", "port", 1L, "checks", List.of(1), "expiresAt", 5), null))
                .isEqualTo(new Instance("a", "db", "", 1, List.of()));
    }

    @Test
    void everyRuleNamesTheFieldItRejects() {
        assertMalformed(null, "expected a JSON object, got nothing");
        assertMalformed(List.of(1, 2, 3), "expected a JSON object, got array");
        assertMalformed(document("name", "db", "port", 1), "\"id\" is missing");
        assertMalformed(document("id", " ", "name", "db", "port", 1), "\"id\": expected a non-blank string");
        assertMalformed(document("id", "a", "port", 1), "\"name\" is missing");
        assertMalformed(document("id", "a", "name", "db"), "\"port\": expected a whole number from 1 to 65535, got nothing");
        assertMalformed(document("id", "a", "name", "db", "port", "80"), "\"port\": expected a whole number");
        assertMalformed(document("id", "a", "name", "db", "port", 0), "\"port\": expected a whole number from 1 to 65535, got 0");
        assertMalformed(document("id", "a", "name", "db", "port", 70000), "\"port\"");
        assertMalformed(document("id", "a", "name", "db", "port", 80.5), "\"port\"");
        assertMalformed(document("id", "a", "name", "db", "port", 80, "tags", "x"), "\"tags\": expected an array");
        assertMalformed(document("id", "a", "name", "db", "port", 80, "tags", List.of(1)), "\"tags\": expected an array of strings");
        assertMalformed(document("id", "a", "name", "db", "port", 80, "meta", Map.of("k", 1)), "\"meta\": expected string values");
        assertMalformed(document("id", "a", "name", "db", "port", 80, "address", 7), "\"address\"");
    }

    @Test
    void aDocumentFiledUnderAnotherServiceIsMalformedAndSaysSo() {
        assertMalformed(document("id", "a", "name", "web", "port", 80), "\"name\" is \"web\", not \"db\", the service it is filed under");
    }

    @Test
    void oneRuleForFieldsInAnotherShape() throws Exception {
        assertThat(InstanceDocument.instance("db-1", "db", "10.0.0.1", 5432, Arrays.asList("a"), new HashMap<>()))
                .isEqualTo(new Instance("db-1", "db", "10.0.0.1", 5432, List.of("a")));
        assertThatThrownBy(() -> InstanceDocument.instance("db-1", "db", "10.0.0.1", 0, null, null))
                .isInstanceOf(InstanceDocument.Malformed.class).hasMessageContaining("\"port\"");
    }

    private static void assertMalformed(Object document, String reason) {
        assertThatThrownBy(() -> InstanceDocument.decode(document, "db"))
                .isInstanceOf(InstanceDocument.Malformed.class).hasMessageContaining(reason);
    }
}
