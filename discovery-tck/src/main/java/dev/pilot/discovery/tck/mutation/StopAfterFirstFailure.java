package dev.pilot.discovery.tck.mutation;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips the rest of a mutation run once a test failed: the mutant is killed, and running more
 * of the suite against it only costs time. A suite that runs mutants declares it with
 * {@code @ExtendWith(StopAfterFirstFailure.class)}; outside a mutation run it does nothing.
 */
public final class StopAfterFirstFailure implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return MutationRun.killedInThisRun()
                ? ConditionEvaluationResult.disabled("the mutant is already killed")
                : ConditionEvaluationResult.enabled("no test failed yet");
    }
}
