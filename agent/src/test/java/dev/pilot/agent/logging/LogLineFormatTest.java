package dev.pilot.agent.logging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pilot.agent.config.LoggingConfig.Format;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LogLineFormatTest {

    private static final Instant AT = Instant.parse("2017-06-01T12:00:05Z");
    private TimeZone saved;

    @BeforeEach
    void utc() {
        saved = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
    }

    @AfterEach
    void restore() {
        TimeZone.setDefault(saved);
    }

    @Test
    void defaultIsGosStandardLoggerAndDropsFields() {
        assertThat(LogLineFormat.format(Format.DEFAULT, AT, "info", "web: registered", Map.of("process", "x")))
                .isEqualTo("2017/06/01 12:00:05 web: registered");
    }

    @Test
    void textIsLogrusTextWithQuotedValuesWhereNeeded() {
        assertThat(LogLineFormat.format(Format.TEXT, AT, "warning", "health check failed", Map.of("process", "web.health")))
                .isEqualTo("time=\"2017-06-01T12:00:05Z\" level=warning msg=\"health check failed\" process=web.health");
        assertThat(LogLineFormat.format(Format.TEXT, AT, "info", "ok", Map.of()))
                .isEqualTo("time=\"2017-06-01T12:00:05Z\" level=info msg=ok");
    }

    @Test
    void jsonEscapesAndIncludesFields() {
        assertThat(LogLineFormat.format(Format.JSON, AT, "info", "say \"hi\"\n", Map.of("process", "task[a]")))
                .isEqualTo("{\"level\":\"info\",\"msg\":\"say \\\"hi\\\"\\n\",\"process\":\"task[a]\",\"time\":\"2017-06-01T12:00:05Z\"}");
    }

    @Test
    void timesAreLocal() {
        TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
        String local = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss").format(ZonedDateTime.ofInstant(AT, ZoneId.systemDefault()));
        assertThat(LogLineFormat.format(Format.DEFAULT, AT, "info", "m", Map.of())).isEqualTo(local + " m");
        assertThat(LogLineFormat.format(Format.TEXT, AT, "info", "m", Map.of())).startsWith("time=\"2017-06-01T08:00:05-04:00\"");
    }
}
