package dev.pilot.bench.catalog.consul;

import dev.pilot.bench.catalog.RawDocuments;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Raw Consul registrations ({@link ConsulApi}): Consul validates what it stores, so the raw
 * document is the registration body (address, port, tags, meta); what Consul accepts comes back
 * in the health JSON Pilot reads.
 */
public final class ConsulRegistrations implements RawDocuments {

    private final ConsulApi api;

    public ConsulRegistrations(String address) {
        api = new ConsulApi(URI.create("http://" + address));
    }

    @Override
    public boolean write(String service, String id, byte[] body) {
        return api.send("PUT", "/v1/agent/service/register", body).statusCode() == 200;
    }

    /** A registration body of instance {@code id}, as Pilot's Consul backend registers one. */
    @Override
    public byte[] read(String service, String id) {
        return ("{\"ID\": \"" + id + "\", \"Name\": \"" + service + "\", \"Address\": \"127.0.0.1\", \"Port\": 8080, "
                + "\"Tags\": [\"a\"], \"Meta\": {\"k\": \"v\"}}").getBytes(StandardCharsets.UTF_8);
    }

    /** Deregisters every registration of the agent: a fuzzed body may have changed the id or the name. */
    @Override
    public void clear(String service) {
        String body = api.send("GET", "/v1/agent/services", null).body();
        for (String id : body.split("\"ID\":\"")) {
            int end = id.indexOf('"');
            if (end > 0) {
                api.send("PUT", "/v1/agent/service/deregister/"
                        + URLEncoder.encode(id.substring(0, end), StandardCharsets.UTF_8).replace("+", "%20"), null);
            }
        }
    }

    @Override
    public void close() {
        api.close();
    }
}
