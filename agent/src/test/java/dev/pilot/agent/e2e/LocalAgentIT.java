package dev.pilot.agent.e2e;

import dev.pilot.discovery.Backends;
import dev.pilot.discovery.ServiceBackend;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

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

    /** The local catalog has no server: deleting its directory is the whole restart. */
    @Override
    protected void restartCatalogWiped() throws Exception {
        try (Stream<Path> files = Files.walk(catalog())) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
