package dev.pilot.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library from the module path, as a JPMS application uses it: every Pilot jar carries a
 * stable {@code Automatic-Module-Name}, and a small named module that {@code requires
 * dev.pilot.discovery} finds every backend through {@code ServiceLoader} (the backends'
 * {@code META-INF/services} entries become {@code provides} of their automatic modules) and
 * registers an instance on the local one. Every jar of the runtime class path is on the module
 * path but ZooKeeper's (see below).
 */
class ModulePathIT {

    private static final List<String> MODULES = List.of("dev.pilot.discovery", "dev.pilot.discovery.support", "dev.pilot.discovery.local",
            "dev.pilot.discovery.consul", "dev.pilot.discovery.etcd", "dev.pilot.discovery.zookeeper", "dev.pilot.agent");

    @TempDir
    Path work;

    @Test
    void everyPilotJarHasAStableModuleName() throws Exception {
        List<String> names = new ArrayList<>();
        for (Path jar : runtimeJars()) {
            if (jar.getFileName().toString().startsWith("pilot-")) {
                try (JarFile file = new JarFile(jar.toFile())) {
                    names.add(file.getManifest().getMainAttributes().getValue("Automatic-Module-Name"));
                }
            }
        }
        assertThat(names).containsExactlyInAnyOrderElementsOf(MODULES);
    }

    @Test
    void aNamedModuleFindsEveryBackendThroughServiceLoaderOnTheModulePath() throws Exception {
        Path source = work.resolve("src");
        Path classes = work.resolve("classes");
        Files.createDirectories(source.resolve("example"));
        Files.writeString(source.resolve("module-info.java"), """
                module pilot.example {
                    requires dev.pilot.discovery;
                    uses dev.pilot.discovery.spi.BackendProvider;
                }
                """);
        Files.writeString(source.resolve("example/Consumer.java"), """
                package example;

                import dev.pilot.discovery.spi.BackendProvider;
                import dev.pilot.discovery.Backends;
                import dev.pilot.discovery.ServiceBackend;
                import dev.pilot.discovery.ServiceDefinition;
                import java.time.Duration;
                import java.util.List;
                import java.util.ServiceLoader;

                public class Consumer {
                    public static void main(String[] args) {
                        for (BackendProvider provider : ServiceLoader.load(BackendProvider.class)) {
                            System.out.println("provider " + provider.name() + " in " + provider.getClass().getModule().getName());
                        }
                        Backends backends = Backends.fromClassPath();
                        System.out.println("names " + backends.names());
                        try (ServiceBackend local = backends.create("local", args[0])) {
                            local.sendHeartbeat(new ServiceDefinition("web-1", "web", 8080, Duration.ofSeconds(10), List.of(), "127.0.0.1"));
                            System.out.println("instances " + local.instances("web", "").size());
                        }
                    }
                }
                """);
        // ZooKeeper's two jars share packages (zookeeper, zookeeper-jute), which the module system
        // refuses: they stay on the class path, where the automatic modules still read them.
        List<Path> jars = runtimeJars();
        String classPath = String.join(File.pathSeparator, jars.stream().filter(ModulePathIT::isZooKeeper).map(Path::toString).toList());
        String modulePath = String.join(File.pathSeparator, jars.stream().filter(jar -> !isZooKeeper(jar)).map(Path::toString).toList());
        ByteArrayOutputStream javacOutput = new ByteArrayOutputStream();
        int compiled = ToolProvider.getSystemJavaCompiler().run(null, javacOutput, javacOutput, "--module-path", modulePath,
                "-d", classes.toString(), source.resolve("module-info.java").toString(),
                source.resolve("example/Consumer.java").toString());
        assertThat(compiled).as("javac of the consumer module: %s", javacOutput).isZero();

        Process java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", classes + File.pathSeparator + modulePath, "--class-path", classPath,
                // automatic modules declare no requires: the explicit modules they use (SLF4J,
                // Jackson) are resolved only when asked for
                "--add-modules", "ALL-MODULE-PATH",
                "--module", "pilot.example/example.Consumer", work.resolve("catalog").toString())
                .redirectErrorStream(true).start();
        String output = new String(java.getInputStream().readAllBytes());
        assertThat(java.waitFor(60, TimeUnit.SECONDS)).as("the consumer ends").isTrue();
        assertThat(java.exitValue()).as(output).isZero();
        assertThat(output).contains("provider local in dev.pilot.discovery.local", "provider consul in dev.pilot.discovery.consul",
                "provider etcd in dev.pilot.discovery.etcd", "provider zookeeper in dev.pilot.discovery.zookeeper",
                "names [consul, etcd, local, zookeeper]", "instances 1");
    }

    private static boolean isZooKeeper(Path jar) {
        return jar.getFileName().toString().startsWith("zookeeper-");
    }

    /** The jars of Pilot's runtime class path (the agent with every backend), as Maven resolved them. */
    private static List<Path> runtimeJars() {
        String classPath = System.getProperty("pilot.runtime.classpath");
        assertThat(classPath).as("the system property pilot.runtime.classpath (set by the dist POM)").isNotBlank();
        List<Path> jars = Arrays.stream(classPath.split(File.pathSeparator)).map(Path::of).toList();
        assertThat(jars).as("jars, not folders: the reactor packaged every module").allSatisfy(jar ->
                assertThat(jar.toString()).endsWith(".jar"));
        return jars;
    }
}
