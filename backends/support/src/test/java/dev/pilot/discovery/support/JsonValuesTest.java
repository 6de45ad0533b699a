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

    private static Object read(String text) throws IOException {
        try (JsonParser json = JSON.createParser(text)) {
            json.nextToken();
            return JsonValues.read(json);
        }
    }

    private static byte[] write(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator(bytes)) {
            JsonValues.write(json, value);
        }
        return bytes.toByteArray();
    }
}
