package dev.pilot.bench.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.pilot.bench.ProcessSampler;
import dev.pilot.bench.Status;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A figure the ladder did not measure (-1, or too few samples) is shown as such and never judged met. */
class ScaleGoalsTest {

    private static final List<ProcessSampler.Sample> TWO_SAMPLES = List.of(
            new ProcessSampler.Sample(0, 40, 10, 0), new ProcessSampler.Sample(10, 41, 10, 10));

    @Test
    void theAgentsFailedHeartbeatsAreTheOnesItsLogCounts() {
        List<ScaleGoals.Goal> goals = ScaleGoals.rows(List.of(row("agent", 10, ScaleOutcome.agent(0, 0), 1, TWO_SAMPLES),
                row("agent", 100, ScaleOutcome.agent(0, 3), 1, TWO_SAMPLES)));

        assertThat(goals).filteredOn(goal -> goal.goal().contains("failed heartbeats"))
                .extracting(ScaleGoals.Goal::measured, ScaleGoals.Goal::met)
                .containsExactly(tuple("3 failed", Optional.of(false)));
    }

    @Test
    void anAgentRowStoredWithoutItsLogCountIsNotMeasuredAndSoNeverMet() {
        List<ScaleGoals.Goal> goals = ScaleGoals.rows(List.of(row("agent", 10, ScaleOutcome.unknown(0), 1, TWO_SAMPLES),
                row("agent", 100, ScaleOutcome.unknown(0), 1, TWO_SAMPLES)));

        assertThat(goals).filteredOn(goal -> goal.goal().contains("failed heartbeats"))
                .isNotEmpty().allSatisfy(goal -> {
                    assertThat(goal.met()).isEmpty();
                    assertThat(goal.measured()).startsWith("not measured").doesNotContain("0 failed");
                });
        assertThat(goals).filteredOn(goal -> goal.goal().contains("late")).extracting(ScaleGoals.Goal::met)
                .containsOnly(Optional.of(true));
    }

    @Test
    void connectionsNotCountedOnTheLowestRungJudgeNothing() {
        List<ScaleGoals.Goal> goals = ScaleGoals.rows(List.of(row("library", 10, library(), -1, TWO_SAMPLES),
                row("library", 100, library(), 1, TWO_SAMPLES)));

        assertThat(goals).noneMatch(goal -> goal.goal().contains("connections"));
    }

    @Test
    void cpuAndMemoryWithoutTwoSamplesAreNotMeasured() {
        List<ScaleGoals.Goal> goals = ScaleGoals.rows(List.of(row("library", 10, library(), 1, List.of()),
                row("library", 100, library(), 1, List.of())));

        assertThat(goals).filteredOn(goal -> goal.goal().contains("CPU") || goal.goal().contains("RSS"))
                .hasSize(2).allSatisfy(goal -> assertThat(goal.met()).isEmpty());
    }

    private static ScaleOutcome library() {
        return new ScaleOutcome(100, 0, 0, 5_000, 10, "", List.of(), Map.of(), 1);
    }

    private static ScaleRow row(String process, int upstreams, ScaleOutcome outcome, int connections,
                                List<ProcessSampler.Sample> samples) {
        double rss = samples.stream().mapToDouble(ProcessSampler.Sample::rssMb).max().orElse(0);
        return new ScaleRow("etcd", process, "", Status.MEASURED, "", upstreams, upstreams, 10, 1.0, rss, rss, 20,
                connections, -1, 100, outcome, samples);
    }
}
