package dev.pilot.discovery.local;

import dev.pilot.discovery.Capability;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.tck.BackendConformanceSuite;
import dev.pilot.discovery.tck.MalformedEntriesContract;
import dev.pilot.testservers.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/** The backend contract against a catalog directory; its "server" is the directory. */
class LocalConformanceIT extends BackendConformanceSuite implements MalformedEntriesContract {

    /**
     * Far above the suite's push limit, so that the watch tests exercise the file events and not
     * the rescan; short enough that a watch finds a directory made anew well within the recovery time.
     */
    static final Duration RESCAN = Duration.ofSeconds(3);

    @Override
    protected TestServer startServer() throws Exception {
        return new LocalCatalogServer();
    }

    @Override
    protected ServiceBackend connect(TestServer server) {
        return LocalBackendProvider.connect(new LocalConfig(Path.of(server.address()), RESCAN));
    }

    @Override
    protected Set<Capability> expectedCapabilities() {
        return Set.of(Capability.PUSH_WATCH, Capability.METADATA);
    }

    @Override
    public void writeRawEntry(String name, String id, String body) throws Exception {
        Path directory = Path.of(server().address(), name);
        Files.createDirectories(directory);
        Files.writeString(directory.resolve(id + ".json"), body);
    }

    @Override
    public ServiceBackend client() {
        return backend;
    }
}
