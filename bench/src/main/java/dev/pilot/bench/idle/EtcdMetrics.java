package dev.pilot.bench.idle;

import dev.pilot.bench.catalog.etcd.EtcdCatalog;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * etcd's own count of the gRPC messages it received ({@code grpc_server_msg_received_total} on
 * {@code /metrics}), by method: a unary call is one message, a stream counts each message sent on
 * it (a lease keep-alive, a watch request).
 */
final class EtcdMetrics implements RequestMeter {

    private static final Pattern RECEIVED = Pattern.compile(
            "^grpc_server_msg_received_total\\{([^}]*)\\} (\\d+(?:\\.\\d+)?(?:e[+-]?\\d+)?)$", Pattern.MULTILINE);
    private static final Pattern METHOD = Pattern.compile("grpc_method=\"([^\"]+)\"");

    private final EtcdCatalog etcd;
    private final HttpClient http = HttpClient.newHttpClient();

    EtcdMetrics(EtcdCatalog etcd) {
        this.etcd = etcd;
    }

    @Override
    public Object pilotConfig() {
        return etcd.pilotConfig();
    }

    @Override
    public String method() {
        return "gRPC messages received, from etcd's /metrics";
    }

    @Override
    public Map<String, Long> counts() {
        String body;
        try {
            body = http.send(HttpRequest.newBuilder(etcd.uri().resolve("/metrics")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new IllegalStateException("etcd at " + etcd.uri() + ": reading /metrics failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        Map<String, Long> counts = new TreeMap<>();
        Matcher matcher = RECEIVED.matcher(body);
        while (matcher.find()) {
            Matcher method = METHOD.matcher(matcher.group(1));
            if (method.find()) {
                counts.merge(kind(method.group(1)), (long) Double.parseDouble(matcher.group(2)), Long::sum);
            }
        }
        return counts;
    }

    static String kind(String method) {
        return switch (method) {
            case "LeaseKeepAlive", "LeaseGrant", "LeaseRevoke", "Put", "Txn", "DeleteRange" -> RequestCounts.HEARTBEAT;
            case "Range" -> RequestCounts.READ;
            case "Watch" -> RequestCounts.WATCH;
            default -> RequestCounts.OTHER;
        };
    }

    @Override
    public void close() {
        http.close();
    }
}
