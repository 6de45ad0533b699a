package dev.pilot.discovery.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a {@link PilotConfigurationException} into Spring Boot's start-up report, without a stack trace. */
public final class PilotConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<PilotConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, PilotConfigurationException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Correct the property " + cause.property() + " (see the pilot-spring-cloud README for every property).",
                null);
    }
}
