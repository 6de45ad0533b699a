package dev.pilot.agent.e2e;

import dev.pilot.discovery.Backends;
import dev.pilot.discovery.ServiceBackend;
import java.nio.file.Path;

/** The agent end to end on the {@code local} backend: a catalog directory of this test's own. */
class LocalAgentIT extends AgentEndToEndContract {

    private Path catalog() {
        return work.resolve("catalog");
    }

    @Override
    protected String backendKey() {
        return "local";
    }

    @Override
    protected String backendConfigJson() {
        return "{\"directory\": \"" + catalog() + "\"}";
    }

    @Override
    protected ServiceBackend connectObserver() {
        return Backends.fromClassPath().create("local", catalog().toString());
    }
}
