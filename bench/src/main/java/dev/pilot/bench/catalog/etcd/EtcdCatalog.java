package dev.pilot.bench.catalog.etcd;

import dev.pilot.bench.catalog.Catalog;
import dev.pilot.bench.catalog.ChangeWriter;
import dev.pilot.bench.catalog.HeartbeatClient;
import dev.pilot.bench.catalog.RawWatch;
import dev.pilot.bench.catalog.ViewListener;
import dev.pilot.testservers.EtcdServer;
import io.etcd.jetcd.Client;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * A single etcd node on 127.0.0.1, and jetcd, etcd's own gRPC client, as the raw client: keys in
 * ContainerPilot 2's layout ({@code /containerpilot/{name}/{id}}, the instance document as
 * value), leases kept alive with keep-alive-once, a watch on the service's prefix.
 */
public final class EtcdCatalog implements Catalog {

    static final String PREFIX = "/containerpilot/";

    private final EtcdServer server;
    private final Client client;
    private final String version;

    private EtcdCatalog(EtcdServer server) {
        this.server = server;
        this.client = Client.builder().endpoints(server.uri()).build();
        this.version = "etcd " + version(server.uri());
    }

    /** Starts an etcd node. */
    public static EtcdCatalog start() {
        return new EtcdCatalog(EtcdServer.launch());
    }

    @Override
    public String backend() {
        return "etcd";
    }

    @Override
    public String serverVersion() {
        return version;
    }

    @Override
    public Object pilotConfig() {
        return Map.of("endpoints", server.uri().toString());
    }

    /** The client URL, for reading the server's metrics. */
    public URI uri() {
        return server.uri();
    }

    @Override
    public ChangeWriter changeWriter() {
        return new EtcdKeys(client);
    }

    @Override
    public RawWatch rawWatch(String service, ViewListener listener) {
        return new PrefixWatch(client, PREFIX + service + "/", listener);
    }

    @Override
    public HeartbeatClient rawHeartbeats() {
        return new EtcdKeys(client);
    }

    @Override
    public void close() {
        try {
            client.close();
        } finally {
            server.close();
        }
    }

    private static String version(URI uri) {
        try (HttpClient http = HttpClient.newHttpClient()) {
            String body = http.send(HttpRequest.newBuilder(uri.resolve("/version")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return body.replaceAll(".*\"etcdserver\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        } catch (IOException | RuntimeException e) {
            return "(version unknown)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(version unknown)";
        }
    }
}
