package dev.pilot.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class CaseWatchdogTest {

    /** A case that never returns fails the loop within the limit, named, while it still runs. */
    @Test
    @Timeout(10)
    void aCaseThatHangsFailsWhileItRuns() throws InterruptedException {
        CountDownLatch never = new CountDownLatch(1);
        CaseWatchdog watchdog = new CaseWatchdog(Duration.ofMillis(300));
        long start = System.nanoTime();

        assertThatThrownBy(() -> watchdog.run(w -> {
            for (long i = 0; i < 10; i++) {
                w.starting(i, "input " + i);
                if (i == 3) {
                    never.await(); // the hang: ends only when the watchdog interrupts it
                }
            }
        }, (number, input) -> "case " + number + " on " + input))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("case 3 on input 3 still running after")
                .hasMessageContaining("CountDownLatch.await");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aFailingCaseFailsTheLoopWithItsOwnError() {
        CaseWatchdog watchdog = new CaseWatchdog(Duration.ofSeconds(5));

        assertThatThrownBy(() -> watchdog.run(w -> {
            w.starting(0, "x");
            throw new AssertionError("case 0 failed");
        }, (number, input) -> "case " + number)).isInstanceOf(AssertionError.class).hasMessage("case 0 failed");
    }

    @Test
    void quickCasesPass() {
        CaseWatchdog watchdog = new CaseWatchdog(Duration.ofSeconds(5));
        long[] ran = new long[1];

        watchdog.run(w -> {
            for (long i = 0; i < 100_000; i++) {
                w.starting(i, i);
                ran[0]++;
            }
        }, (number, input) -> "case " + number);

        assertThat(ran[0]).isEqualTo(100_000);
    }
}
