package dev.pilot.discovery.spring;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.context.ConfigurableApplicationContext;

/** A {@link TestApplication} started by a test on a random port, and what a test asks of it over HTTP. */
final class RunningApp implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final String name;
    final ConfigurableApplicationContext context;
    final int port;

    private RunningApp(String name, ConfigurableApplicationContext context) {
        this.name = name;
        this.context = context;
        this.port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    /** Starts {@code name} with the common test properties, {@code backend}'s and {@code extra}. */
    static RunningApp start(String name, Map<String, String> backend, String... extra) {
        List<String> properties = new ArrayList<>(List.of(
                "spring.application.name=" + name,
                "server.port=0",
                // Tomcat's work folder in target/: in the temporary directory nothing deletes it
                "server.tomcat.basedir=target/tomcat",
                "server.address=127.0.0.1",
                "pilot.discovery.service.address=127.0.0.1",
                "pilot.discovery.service.ttl=2s",
                "pilot.discovery.service.tags=spring,test",
                "pilot.discovery.service.metadata.app=" + name,
                "management.endpoints.web.exposure.include=health,serviceregistry",
                "management.endpoint.health.show-details=always",
                "spring.main.banner-mode=off",
                // The load balancer's child contexts start with the application, not on the first call.
                "spring.cloud.loadbalancer.eager-load.clients=alpha,beta,legacy,modern"));
        if (backend.keySet().stream().noneMatch(key -> key.startsWith("spring.cloud.consul."))) {
            properties.add("spring.cloud.consul.enabled=false");
        }
        backend.forEach((key, value) -> properties.add(key + "=" + value));
        properties.addAll(List.of(extra));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(TestApplication.class)
                .properties(properties.toArray(String[]::new))
                .run();
        return new RunningApp(name, context);
    }

    /** This application's registration (its instance id, port, tags). */
    PilotRegistration registration() {
        return context.getBean(PilotRegistration.class);
    }

    /** What this application's (composite) discovery client knows of {@code service}. */
    List<String> discoveredIds(String service) {
        return context.getBean(DiscoveryClient.class).getInstances(service).stream()
                .map(ServiceInstance::getInstanceId).toList();
    }

    /** GET {@code path} on this application: the status and body. */
    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    HttpResponse<String> postJson(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Asks this application to call {@code service}'s {@code /whoami} through its load balancer. */
    HttpResponse<String> call(String service) {
        return get("/call/" + service);
    }

    TestApplication.Switch health() {
        return context.getBean(TestApplication.Switch.class);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
