package dev.pilot.bench.scale;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GcSummaryTest {

    @Test
    void theMostLiveAfterAFullCollectionWithTheHeapOfThatCollection() {
        List<String> log = List.of(
                "[0.247s][info][gc] GC(0) Pause Young (Allocation Failure) 3M->2M(7M) 3.895ms",
                "[4.643s][info][gc] GC(12) Pause Full (Allocation Failure) 43M->12M(44M) 63.1ms",
                "[11.647s][info][gc] GC(40) Pause Young (Allocation Failure) 44M->30M(46M) 2.1ms",
                "[12.047s][info][gc] GC(41) Pause Full (Allocation Failure) 39M->27M(46M) 70.2ms",
                "[89.971s][info][gc] GC(84) Pause Full (Heap Inspection Initiated GC) 38M->22M(90M) 54.228ms");

        // a young collection's 30M after is not what survives a full one
        assertThat(GcSummary.of(log)).contains(new GcSummary(3, 27, 46));
        assertThat(GcSummary.of(log).orElseThrow().describe())
                .isEqualTo("live heap after a full collection at most 27 of 46 MB (3 full collections)");
    }

    @Test
    void aLogWithoutAFullCollectionHasNoSummary() {
        assertThat(GcSummary.of(List.of("[0.247s][info][gc] GC(0) Pause Young (Allocation Failure) 3M->2M(7M) 3.895ms")))
                .isEmpty();
    }
}
