package dev.pilot.discovery.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pilot.discovery.Backends;
import dev.pilot.discovery.Instance;
import dev.pilot.discovery.ServiceBackend;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.cloud.client.serviceregistry.Registration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/**
 * The README's Spring section as a user pastes it: its properties block, read by Spring's own
 * {@code .properties} loader, is the configuration of two instances of one application, and its
 * Java block, compiled here, is their only {@code @LoadBalanced} client; each instance then calls
 * the service by name and reaches both. Three values are this machine's, not the README's: the
 * web server's port (0, random), the address (127.0.0.1) and the catalog directory (a temporary
 * one, so that runs on one machine never share a catalog); the README's directory must still be
 * one plain path, since a comment after it on its line would be part of it.
 */
class ReadmeSpringSectionIT {

    private static final Pattern BLOCK = Pattern.compile("```(\\w+)\\n(.*?)```", Pattern.DOTALL);

    @Test
    void twoApplicationsWithTheReadmesPropertiesAndClientCallEachOtherByName(@TempDir Path work) throws Exception {
        Map<String, String> blocks = springSectionBlocks();
        assertThat(blocks).containsKeys("xml", "properties", "java");
        Map<String, Object> properties = readAsSpringDoes(blocks.get("properties"));
        assertThat(properties).containsKey("spring.application.name").containsKey("pilot.discovery.local");
        assertThat(String.valueOf(properties.get("pilot.discovery.local"))).as("the README's catalog directory")
                .matches("/[^\\s#]+");
        Class<?> client = compile(blocks.get("java"), work.resolve("classes"));

        Path catalog = Files.createDirectory(work.resolve("catalog"));
        String name = String.valueOf(properties.get("spring.application.name"));
        try (ConfigurableApplicationContext first = start(properties, client, catalog);
             ConfigurableApplicationContext second = start(properties, client, catalog)) {
            Set<String> ids = Set.of(id(first), id(second));
            assertThat(ids).allMatch(id -> id.startsWith(name + "-127.0.0.1-"));
            // a started application is in the catalog: the first call of the other finds it
            try (ServiceBackend observer = Backends.fromClassPath().create("local", catalog.toString())) {
                assertThat(observer.instances(name, "")).as("the catalog once both applications have started")
                        .extracting(Instance::id).containsExactlyInAnyOrderElementsOf(ids);
            }
            Set<String> answered = new HashSet<>();
            // every call must succeed (an exception fails at once); round robin reaches both
            await().atMost(SpringCloudContract.ROUTED).untilAsserted(() -> {
                answered.add(first.getBean(Caller.class).call());
                assertThat(answered).isEqualTo(ids);
            });
        }
    }

    /** The fenced blocks of README.md's "Using it from Spring Cloud", by language. */
    static Map<String, String> springSectionBlocks() throws IOException {
        String readme = Files.readString(Path.of("../../README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf("## Using it from Spring Cloud");
        assertThat(start).as("the README's Spring section").isNotNegative();
        int end = readme.indexOf("\n## ", start + 3);
        Matcher block = BLOCK.matcher(readme.substring(start, end < 0 ? readme.length() : end));
        Map<String, String> blocks = new LinkedHashMap<>();
        while (block.find()) {
            assertThat(blocks.put(block.group(1), block.group(2))).as("one %s block", block.group(1)).isNull();
        }
        return blocks;
    }

    private static Map<String, Object> readAsSpringDoes(String text) throws IOException {
        List<PropertySource<?>> sources = new PropertiesPropertySourceLoader()
                .load("README.md", new ByteArrayResource(text.getBytes(StandardCharsets.ISO_8859_1)));
        Map<String, Object> properties = new LinkedHashMap<>();
        for (PropertySource<?> source : sources) {
            EnumerablePropertySource<?> enumerable = (EnumerablePropertySource<?>) source;
            for (String key : enumerable.getPropertyNames()) {
                properties.put(key, String.valueOf(enumerable.getProperty(key)));
            }
        }
        return properties;
    }

    /** Compiles the README's class, with the imports an IDE would add, and loads it. */
    private static Class<?> compile(String java, Path classes) throws Exception {
        Path source = classes.resolveSibling("src/readme/Clients.java");
        Files.createDirectories(source.getParent());
        Files.createDirectories(classes);
        Files.writeString(source, """
                package readme;

                import org.springframework.cloud.client.loadbalancer.LoadBalanced;
                import org.springframework.context.annotation.Bean;
                import org.springframework.context.annotation.Configuration;
                import org.springframework.web.client.RestClient;

                """ + java);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> arguments = new ArrayList<>(List.of("-proc:none", "-classpath", System.getProperty("java.class.path"),
                "-d", classes.toString(), source.toString()));
        java.io.ByteArrayOutputStream errors = new java.io.ByteArrayOutputStream();
        int status = javac.run(null, null, errors, arguments.toArray(String[]::new));
        assertThat(status).as("javac: %s", errors.toString(StandardCharsets.UTF_8)).isZero();
        URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, ReadmeSpringSectionIT.class.getClassLoader());
        return loader.loadClass("readme.Clients");
    }

    private static ConfigurableApplicationContext start(Map<String, Object> readme, Class<?> client, Path catalog) {
        return new SpringApplicationBuilder(ReadmeApplication.class, client)
                .properties(readme)
                // Tomcat's work folder in target/: in the temporary directory nothing deletes it
                .run("--server.port=0", "--server.tomcat.basedir=target/tomcat", "--server.address=127.0.0.1",
                        "--pilot.discovery.service.address=127.0.0.1",
                        "--pilot.discovery.local=" + catalog, "--spring.cloud.consul.enabled=false",
                        "--spring.main.banner-mode=off");
    }

    private static String id(ConfigurableApplicationContext context) {
        return context.getBean(Registration.class).getInstanceId();
    }

    /** An application with nothing of its own but {@code /whoami} and a caller of its own service. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Caller.class)
    static class ReadmeApplication {
    }

    @RestController
    static class Caller {
        private final RestClient loadBalanced;
        private final Registration registration;

        Caller(@LoadBalanced RestClient.Builder builder, Registration registration) {
            this.loadBalanced = builder.build();
            this.registration = registration;
        }

        @GetMapping("/whoami")
        String whoami() {
            return registration.getInstanceId();
        }

        String call() {
            return loadBalanced.get().uri("http://" + registration.getServiceId() + "/whoami").retrieve().body(String.class);
        }
    }

}
