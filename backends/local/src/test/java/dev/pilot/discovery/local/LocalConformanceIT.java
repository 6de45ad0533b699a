package dev.pilot.discovery.local;

import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.tck.BackendConformanceSuite;
import dev.pilot.discovery.tck.MalformedEntriesContract;
import dev.pilot.discovery.tck.servers.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

class LocalConformanceIT extends BackendConformanceSuite implements MalformedEntriesContract {

    @Override
    protected TestServer startServer() throws Exception {
        return new LocalCatalogServer();
    }

    @Override
    protected ServiceBackend connect(TestServer server) {
        return LocalBackendProvider.connect(new LocalConfig(Path.of(server.address()), Duration.ofMillis(500)));
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
