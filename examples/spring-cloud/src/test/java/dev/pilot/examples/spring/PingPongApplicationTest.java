package dev.pilot.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The example as the README runs it: ping and pong on one local catalog, each reaching the other by name. */
class PingPongApplicationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void pingAndPongCallEachOtherThroughTheLoadBalancer(@TempDir Path catalog) throws Exception {
        try (ConfigurableApplicationContext ping = start(catalog, "default");
             ConfigurableApplicationContext pong = start(catalog, "pong")) {
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThat(get(ping, "/call")).isEqualTo("hello from pong-127.0.0.1-" + port(pong));
                assertThat(get(pong, "/call")).isEqualTo("hello from ping-127.0.0.1-" + port(ping));
            });
            assertThat(Files.list(catalog)).isNotEmpty();
        }
    }

    private static ConfigurableApplicationContext start(Path catalog, String profile) {
        return new SpringApplicationBuilder(PingPongApplication.class)
                .profiles(profile)
                .run("--pilot.discovery.local=" + catalog, "--example.call-every=1h", "--spring.main.banner-mode=off");
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    private static String get(ConfigurableApplicationContext context, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(context) + path))
                .timeout(Duration.ofSeconds(5)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }
}
