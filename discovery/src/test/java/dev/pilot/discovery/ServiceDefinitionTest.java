package dev.pilot.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceDefinitionTest {

    private static final Duration TTL = Duration.ofSeconds(10);

    @Test
    void aValidDefinitionKeepsItsFields() {
        ServiceDefinition web = new ServiceDefinition("web-1", "web", 8080, TTL, List.of("blue"), "10.0.0.1", Map.of("v", "2"));

        assertThat(web.toInstance()).isEqualTo(new Instance("web-1", "web", "10.0.0.1", 8080, List.of("blue"), Map.of("v", "2")));
    }

    @Test
    void aBlankIdOrNameIsRejectedByName() {
        assertThatThrownBy(() -> new ServiceDefinition(" ", "web", 80, TTL, List.of(), "10.0.0.1"))
                .hasMessage("id: expected a non-blank string, got ' '");
        assertThatThrownBy(() -> new ServiceDefinition("web-1", null, 80, TTL, List.of(), "10.0.0.1"))
                .hasMessage("name: expected a non-blank string, got null");
    }

    @Test
    void aPortOutsideTheRangeIsRejected() {
        assertThatThrownBy(() -> new ServiceDefinition("web-1", "web", 0, TTL, List.of(), "10.0.0.1"))
                .hasMessage("port: expected 1-65535, got 0");
        assertThatThrownBy(() -> new ServiceDefinition("web-1", "web", 65536, TTL, List.of(), "10.0.0.1"))
                .hasMessage("port: expected 1-65535, got 65536");
    }

    @Test
    void aTtlThatIsNotPositiveIsRejected() {
        assertThatThrownBy(() -> new ServiceDefinition("web-1", "web", 80, Duration.ZERO, List.of(), "10.0.0.1"))
                .hasMessage("ttl: expected a positive duration, got PT0S");
        assertThatThrownBy(() -> new ServiceDefinition("web-1", "web", 80, null, List.of(), "10.0.0.1"))
                .hasMessageContaining("ttl");
    }

    @Test
    void aBlankAddressOrTagIsRejected() {
        assertThatThrownBy(() -> new ServiceDefinition("web-1", "web", 80, TTL, List.of(), ""))
                .hasMessage("ipAddress: expected a non-blank string, got ''");
        assertThatThrownBy(() -> new ServiceDefinition("web-1", "web", 80, TTL, List.of("a", " "), "10.0.0.1"))
                .hasMessageStartingWith("tags: expected non-blank tags");
    }

    @Test
    void collectionsAreCopied() {
        List<String> tags = new ArrayList<>(List.of("blue"));
        Map<String, String> meta = new HashMap<>(Map.of("v", "1"));
        ServiceDefinition web = new ServiceDefinition("web-1", "web", 80, TTL, tags, "10.0.0.1", meta);

        tags.add("green");
        meta.put("v", "2");

        assertThat(web.tags()).containsExactly("blue");
        assertThat(web.meta()).containsEntry("v", "1");
        assertThat(new ServiceDefinition("web-1", "web", 80, TTL, null, "10.0.0.1").tags()).isEmpty();
    }
}
