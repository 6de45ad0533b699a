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

            // The README's curl commands, on pong: health shows the catalog connection; maintenance
            // takes pong out of ping's routing.
            String readme = Files.readString(Path.of("README.md"));
            java.util.regex.Matcher health = java.util.regex.Pattern.compile("curl localhost:<port>(/\\S+)").matcher(readme);
            java.util.regex.Matcher post = java.util.regex.Pattern.compile(
                    "curl -X POST -H '([^:]+): ([^']+)' -d '([^']+)' \\\\\\s+localhost:<port>(/\\S+)").matcher(readme);
            assertThat(health.find()).isTrue();
            assertThat(post.find()).isTrue();
            assertThat(get(pong, health.group(1))).contains("\"pilotDiscovery\"").contains("\"status\":\"UP\"");
            HttpRequest maintenance = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(pong) + post.group(4)))
                    .header(post.group(1), post.group(2)).POST(HttpRequest.BodyPublishers.ofString(post.group(3))).build();
            assertThat(HTTP.send(maintenance, HttpResponse.BodyHandlers.ofString()).statusCode()).isBetween(200, 299);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(get(ping, "/call")).contains("\"status\":500"));
        }
    }

    private static ConfigurableApplicationContext start(Path catalog, String profile) {
        return new SpringApplicationBuilder(PingPongApplication.class)
                .profiles(profile)
                // Tomcat's work folder in target/: in the temporary directory nothing deletes it
                .run("--pilot.discovery.local=" + catalog, "--example.call-every=1h", "--spring.main.banner-mode=off",
                        "--server.tomcat.basedir=target/tomcat");
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
