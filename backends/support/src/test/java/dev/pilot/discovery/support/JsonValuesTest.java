package dev.pilot.discovery.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** JSON read and written as Jackson's untyped data binding does it, which these replace. */
class JsonValuesTest {

    private static final ObjectMapper DATA_BINDING = new ObjectMapper();
    private static final JsonFactory JSON = JsonValues.pooledFactory();

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"id\":\"web-1\",\"port\":8080,\"tags\":[\"a\",\"b\"],\"meta\":{\"zone\":\"b\"},\"expiresAt\":1796000000000}",
        "{\"z\":1,\"a\":2,\"m\":3}", // key order kept
        "{\"a\":1,\"b\":2,\"a\":3}", // a key twice: the last value, in the first one's place
        "[1, 2147483648, 92233720368547758070, 1.5, -0.0, 1e3, true, false, null, \"\\u00e9\\n\"]", // the number types
        "{\"deep\":[{\"deeper\":[[]]},{}]}",
        "\"text\"", "42", "null"})
    void readsWhatJacksonsUntypedBindingReads(String text) throws IOException {
        Object expected = DATA_BINDING.readValue(text, Object.class);

        Object read = read(text);

        assertThat(read).isEqualTo(expected);
        if (read != null) {
            assertThat(read.getClass()).isEqualTo(expected.getClass());
        }
        if (read instanceof Map<?, ?> object) {
            assertThat(new ArrayList<>(object.keySet())).isEqualTo(new ArrayList<>(((Map<?, ?>) expected).keySet()));
        }
        if (read instanceof List<?> array) {
            for (int i = 0; i < array.size(); i++) {
                Object item = array.get(i);
                assertThat(item == null ? null : item.getClass()).as("item %d", i)
                        .isEqualTo(((List<?>) expected).get(i) == null ? null : ((List<?>) expected).get(i).getClass());
            }
        }
    }

    @Test
    void writesWhatJacksonsDataBindingWrites() throws IOException {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("id", "web-1");
        value.put("port", 8080);
        value.put("expiresAt", 1_796_000_000_000L);
        value.put("tags", List.of("a", "\"quoted\"", "é"));
        value.put("meta", new TreeMap<>(Map.of("zone", "b", "az", "1")));
        value.put("numbers", List.of((short) 1, (byte) 2, 1.5, 2.5f, new BigInteger("92233720368547758070"), new BigDecimal("0.10")));
        value.put("flags", List.of(true, false));
        value.put("nothing", null);
        value.put("nested", List.of(Map.of("list", List.of()), Map.of()));

        assertThat(new String(write(value), StandardCharsets.UTF_8))
                .isEqualTo(DATA_BINDING.writeValueAsString(value));
    }

    @Test
    void refusesToWriteWhatIsNotAJsonValue() {
        assertThatThrownBy(() -> write(Map.of("when", new Object())))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("not a JSON value: a java.lang.Object");
    }

    @Test
    void parsesTheFirstValueOfTextOrBytesAndNothingFromEmptyInput() throws IOException {
        assertThat(JsonValues.parse("{\"a\": [1]} {\"b\": 2}")).isEqualTo(Map.of("a", List.of(1)));
        assertThat(JsonValues.parse("[true]".getBytes(StandardCharsets.UTF_8))).isEqualTo(List.of(true));
        assertThat(JsonValues.parse("")).isNull();
        assertThat(JsonValues.parse("  \n".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThatThrownBy(() -> JsonValues.parse("{\"a\": ")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> JsonValues.parse("<html>".getBytes(StandardCharsets.UTF_8))).isInstanceOf(IOException.class);
    }

    @Test
    void parsesEveryValueOfAStreamOneAfterTheOther() throws IOException {
        byte[] lines = "{\"result\": {\"ID\": \"1\"}}\n{\"result\": {\"ID\": \"2\"}}\n\n[]\n".getBytes(StandardCharsets.UTF_8);

        assertThat(JsonValues.parseAll(lines)).containsExactly(Map.of("result", Map.of("ID", "1")),
                Map.of("result", Map.of("ID", "2")), List.of());
        assertThat(JsonValues.parseAll(new byte[0])).isEmpty();
        assertThatThrownBy(() -> JsonValues.parseAll("{}\n{\"cut".getBytes(StandardCharsets.UTF_8))).isInstanceOf(IOException.class);
    }

    @Test
    void aFieldThatIsMissingNullOrOfAnotherTypeIsReadAsEmpty() throws IOException {
        Map<String, Object> answer = JsonValues.object(JsonValues.parse("""
                {"object": {"k": "v"}, "array": [1], "text": "t", "number": 7, "flag": true, "nothing": null}
                """));

        assertThat(JsonValues.object(answer.get("object"))).isEqualTo(Map.of("k", "v"));
        assertThat(JsonValues.array(answer.get("array"))).isEqualTo(List.of(1));
        assertThat(List.of(answer.get("text"), answer.get("number"), answer.get("flag")))
                .extracting(JsonValues::text).containsExactly("t", "7", "true");
        for (String other : List.of("array", "text", "nothing", "missing")) {
            assertThat(JsonValues.object(answer.get(other))).as(other).isEmpty();
        }
        for (String other : List.of("object", "number", "nothing", "missing")) {
            assertThat(JsonValues.array(answer.get(other))).as(other).isEmpty();
        }
        for (String other : List.of("object", "array", "nothing", "missing")) {
            assertThat(JsonValues.text(answer.get(other))).as(other).isEmpty();
        }
    }

    private static Object read(String text) throws IOException {
        try (JsonParser json = JSON.createParser(text)) {
            json.nextToken();
            Object read = JsonValues.read(json);
            assertThat(JsonValues.parse(text)).as("parse(String)").isEqualTo(read);
            assertThat(JsonValues.parse(text.getBytes(StandardCharsets.UTF_8))).as("parse(byte[])").isEqualTo(read);
            return read;
        }
    }

    private static byte[] write(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator(bytes)) {
            JsonValues.write(json, value);
        }
        assertThat(JsonValues.toBytes(value)).as("toBytes").isEqualTo(bytes.toByteArray());
        return bytes.toByteArray();
    }
}
