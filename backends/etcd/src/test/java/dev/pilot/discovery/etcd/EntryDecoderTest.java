package dev.pilot.discovery.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pilot.discovery.tck.CapturedLog;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EntryDecoderTest {

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
}
