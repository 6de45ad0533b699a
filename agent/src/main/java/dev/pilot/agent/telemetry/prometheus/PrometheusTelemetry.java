package dev.pilot.agent.telemetry.prometheus;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.pilot.agent.config.SensorConfig;
import dev.pilot.agent.telemetry.AgentMetrics;
import dev.pilot.agent.telemetry.SensorMetric;
import dev.pilot.agent.telemetry.Telemetry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Prometheus endpoint: {@code GET http://<address>:<port>/metrics}, served by the JDK's HTTP
 * server on virtual threads, from a Micrometer registry holding the JVM's metrics, the agent's own
 * ({@link #agentMetrics()}) and the sensors'. Listens on the one address of the telemetry block,
 * as ContainerPilot did, not on every interface.
 *
 * <p>This package and Micrometer are what the self-contained agent keeps in {@code lib/telemetry/}:
 * only the interfaces of {@code dev.pilot.agent.telemetry} may name them
 * ({@link dev.pilot.agent.telemetry.InstalledTelemetry} loads this class by name).
 */
public final class PrometheusTelemetry implements Telemetry {

    private static final Logger LOG = LoggerFactory.getLogger(PrometheusTelemetry.class);
    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AgentMetrics agentMetrics = new MicrometerAgentMetrics(registry);
    private HttpServer server;
    private String address;
    private int port;

    public PrometheusTelemetry() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    @Override
    public synchronized void listen(String address, int port) throws IOException {
        if (server != null && address.equals(this.address) && port == this.port) {
            return;
        }
        HttpServer next = HttpServer.create(new InetSocketAddress(address, port), 0);
        next.createContext("/metrics", this::scrape);
        next.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        next.start();
        if (server != null) {
            server.stop(0);
        }
        server = next;
        this.address = address;
        this.port = port;
        LOG.info("telemetry: serving http://{}:{}/metrics", address.contains(":") ? "[" + address + "]" : address,
                server.getAddress().getPort());
    }

    @Override
    public synchronized int port() {
        return server == null ? -1 : server.getAddress().getPort();
    }

    private void scrape(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            exchange.sendResponseHeaders(200, exchange.getRequestMethod().equals("HEAD") ? -1 : body.length);
            if (!exchange.getRequestMethod().equals("HEAD")) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    @Override
    public AgentMetrics agentMetrics() {
        return agentMetrics;
    }

    @Override
    public SensorMetric sensor(String name, String help, SensorConfig.Type type) {
        return MicrometerSensorMetric.register(registry, name, help, type);
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
        registry.close();
    }
}
