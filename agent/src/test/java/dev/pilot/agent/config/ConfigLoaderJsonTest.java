package dev.pilot.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pilot.discovery.ConfigException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The configuration's JSON read into the plain values the parser checks, as Jackson's untyped binding gives them. */
class ConfigLoaderJsonTest {

    @Test
    void objectsKeepTheirKeysOrderAndValuesTheirJsonTypes() {
        Object read = ConfigLoader.parseJson("""
                {"b": 1, "a": [true, false, null, "s", 2.5, 3000000000, 99999999999999999999], "c": {"d": {}}, "e": []}""");
        assertThat(read).isInstanceOf(Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) read;
        assertThat(object.keySet()).containsExactly("b", "a", "c", "e");
        assertThat(object.get("b")).isEqualTo(1);
        assertThat(object.get("a")).isEqualTo(java.util.Arrays.asList(true, false, null, "s", 2.5, 3_000_000_000L,
                new BigInteger("99999999999999999999")));
        assertThat(object.get("c")).isEqualTo(Map.of("d", Map.of()));
        assertThat(object.get("e")).isEqualTo(List.of());
    }

    @Test
    void aKeyWrittenTwiceAnUnclosedObjectAndNothingAtAllAreSyntaxErrorsWithTheirPlace() {
        assertThatThrownBy(() -> ConfigLoader.parseJson("{\"a\": 1,\n \"a\": 2}")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("line 2").hasMessageContaining("Duplicate field 'a'");
        assertThatThrownBy(() -> ConfigLoader.parseJson("{\"a\": [1, 2")).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("config: JSON syntax error at line 1");
        assertThatThrownBy(() -> ConfigLoader.parseJson("  \n")).isInstanceOf(ConfigException.class)
                .hasMessage("config: JSON syntax error at line 1, column 1: no JSON value, the text is empty");
    }
}
