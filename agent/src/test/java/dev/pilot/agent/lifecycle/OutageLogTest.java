package dev.pilot.agent.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutageLogTest {

    private long now;
    private final OutageLog log = new OutageLog("app", Duration.ofSeconds(30), () -> now);

    @Test
    void anOutageIsLoggedAtItsStartEveryThirtySecondsAndAtItsEnd() {
        List<String> lines = new ArrayList<>();
        for (int second = 0; second < 65; second++) {
            now = Duration.ofSeconds(second).toNanos();
            log.failed("connection refused").ifPresent(lines::add);
        }
        now = Duration.ofSeconds(65).toNanos();
        log.succeeded().ifPresent(lines::add);
        log.succeeded().ifPresent(lines::add);

        assertThat(lines).containsExactly(
                "app: heartbeat failed: connection refused (retrying every poll; a summary every 30s until it recovers)",
                "app: heartbeat still failing: 31 attempts in 30.0s, last: connection refused",
                "app: heartbeat still failing: 61 attempts in 60.0s, last: connection refused",
                "app: heartbeat recovered after 65 failed attempts in 65.0s");
    }

    @Test
    void aSuccessWithoutAFailureSaysNothing() {
        assertThat(log.succeeded()).isEmpty();
    }
}
