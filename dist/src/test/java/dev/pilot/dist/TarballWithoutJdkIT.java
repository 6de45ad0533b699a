package dev.pilot.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import dev.pilot.discovery.Backends;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.testservers.FreePorts;
import dev.pilot.testservers.ServerBinaries;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tarball as an operator uses it: unpacked into a fresh directory and run where no JDK can
 * be found, in a mount namespace ({@code unshare --mount}, which needs root) with an empty tmpfs
 * over {@code /usr/lib/jvm} and a {@code PATH} without {@code java}. The agent registers a
 * service on the local backend, its own watch of that service runs {@code onChange}, SIGTERM
 * deregisters it and ends the agent with exit code 0, and the AOT cache was used: classes came
 * from it, and the JVM printed no warning about it; and it loaded no class of another backend
 * (each backend's jars are in a folder of their own, loaded only for the backend the configuration
 * names), nor the telemetry endpoint's (Micrometer: in a folder of its own, loaded only for a
 * configuration with a {@code telemetry} block, whose endpoint serves its metrics). And the tarball
 * holds what it promises: the runtime without headers or man pages, the agent's jars, each
 * backend's folder, the telemetry folder, the cache, the licences of what is bundled.
 */
class TarballWithoutJdkIT {

    private static final Duration START = Duration.ofSeconds(30);
    private static final Path HIDDEN_JDKS = Path.of("/usr/lib/jvm");
    private static final List<String> BACKENDS = List.of("local", "consul", "etcd", "zookeeper");

    @TempDir
    static Path work;

    @BeforeAll
    static void mountNamespacesWork() throws Exception {
        boolean linuxX64 = "Linux".equals(System.getProperty("os.name")) && "amd64".equals(System.getProperty("os.arch"));
        if (ServerBinaries.runningInCi()) {
            assertThat(linuxX64).as("CI builds the tarball, which is built on Linux x86_64 only").isTrue();
        }
        Assumptions.assumeTrue(linuxX64, "the tarball is built on Linux x86_64 only");
        Process probe = new ProcessBuilder("unshare", "--mount", "--propagation", "private", "sh", "-c",
                "mount -t tmpfs pilot-no-jdk " + HIDDEN_JDKS + " && [ -z \"$(ls -A " + HIDDEN_JDKS + ")\" ]")
                .redirectErrorStream(true).start();
        String output = new String(probe.getInputStream().readAllBytes()).strip();
        boolean works = probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0;
        String reason = "cannot hide the JDKs: `unshare --mount` with a tmpfs over " + HIDDEN_JDKS
                + " failed (it needs root, or user namespaces): " + output;
        if (ServerBinaries.runningInCi()) {
            assertThat(works).as(reason).isTrue();
        }
        Assumptions.assumeTrue(works, reason);
    }

    @Test
    void theTarballHoldsTheRuntimeTheAgentItsCacheAndTheLicencesOfWhatItBundles() throws Exception {
        Path home = unpack(tarball(), "contents");
        assertThat(home.resolve("runtime/bin/java")).isExecutable();
        assertThat(home.resolve("runtime/legal/java.base")).isDirectory();
        assertThat(home.resolve("runtime/include")).as("no header files").doesNotExist();
        assertThat(home.resolve("runtime/man")).as("no man pages").doesNotExist();
        assertThat(home.resolve("lib/pilot.jar")).isNotEmptyFile();
        String version = tarball().getFileName().toString().replaceAll("^pilot-|-linux-x64\\.tar\\.xz$", "");
        for (String backend : BACKENDS) {
            assertThat(home.resolve("lib/backends/" + backend + "/pilot-backend-" + backend + "-" + version + ".jar"))
                    .as("the %s backend in a folder of its own", backend).isNotEmptyFile();
            assertThat(home.resolve("lib/backends/" + backend + "/pilot.aot")).as("the %s backend's AOT cache", backend).isNotEmptyFile();
        }
        assertThat(Files.isSameFile(home.resolve("lib/backends/consul/pilot.aot"), home.resolve("lib/backends/etcd/pilot.aot")))
                .as("Consul and etcd share one cache, a hard link in the tarball").isTrue();
        assertThat(Files.isSameFile(home.resolve("lib/backends/local/pilot.aot"), home.resolve("lib/backends/consul/pilot.aot")))
                .as("local's cache is its own").isFalse();
        assertThat(home.resolve("lib/backends/zookeeper")).as("the ZooKeeper client with its backend")
                .isDirectoryContaining(path -> path.getFileName().toString().startsWith("curator-framework-"));
        // pilot-backend-support is what every backend shares (the document codec, the HTTP client): core, not a backend
        assertThat(home.resolve("lib/core")).as("no backend among the agent's own libraries, nor the telemetry endpoint's")
                .isDirectoryNotContaining(path -> path.getFileName().toString()
                        .matches("(pilot-backend-(?!support-)|curator-|zookeeper-|netty-|micrometer-|prometheus-).*"));
        assertThat(home.resolve("lib/telemetry")).as("the telemetry endpoint with Micrometer's Prometheus registry")
                .isDirectoryContaining(path -> path.getFileName().toString().equals("pilot-agent-telemetry-" + version + ".jar"))
                .isDirectoryContaining(path -> path.getFileName().toString().startsWith("micrometer-registry-prometheus-"))
                .isDirectoryContaining(path -> path.getFileName().toString().startsWith("micrometer-core-"));
        assertThat(home.resolve("lib/backends/zookeeper")).as("ZooKeeper's TLS uses the JDK's SSL engine")
                .isDirectoryNotContaining(path -> path.getFileName().toString().startsWith("netty-tcnative-"));
        try (var jars = Files.walk(home.resolve("lib"))) {
            assertThat(jars.map(path -> path.getFileName().toString()))
                    .as("JSON is read with Jackson's streaming parser alone: no data binding in any agent")
                    .anyMatch(name -> name.startsWith("jackson-core-"))
                    .noneMatch(name -> name.startsWith("jackson-databind-"));
        }
        assertThat(Files.readString(home.resolve("legal/THIRD-PARTY.txt")))
                .contains("com.fasterxml.jackson.core:jackson-core:", "org.apache.curator:curator-framework:")
                .doesNotContain("(not declared)");
        assertThat(home.resolve("legal/jackson-core")).isDirectory();
    }

    @Test
    void theUnpackedTarballRegistersRunsOnChangeAndStopsWithoutAnyJdk() throws Exception {
        Path home = unpack(tarball(), "unpacked");
        Path catalog = work.resolve("catalog");
        Path changed = work.resolve("changed");
        Path classLoading = work.resolve("class-load.log");
        Process agent = startWithoutJdk(home, "agent", """
                {"local": "%s",
                 "services": [{"name": "web", "port": 8080, "health": "true", "poll": 1, "ttl": 10,
                               "interfaces": ["static:127.0.0.1"]}],
                 "backends": [{"name": "web", "poll": 5, "onChange": ["touch", "%s"]}]}
                """.formatted(catalog, changed), classLoading);
        try (ServiceBackend observer = Backends.fromClassPath().create("local", catalog.toString())) {
            await().atMost(START).failFast(() -> !agent.isAlive()).untilAsserted(() ->
                    assertThat(observer.instances("web", "")).as("web registered").hasSize(1));
            await().atMost(START).failFast(() -> !agent.isAlive()).until(() -> Files.exists(changed));

            agent.toHandle().destroy(); // SIGTERM; unshare and sh exec'd, so this is the agent's JVM
            assertThat(agent.waitFor(30, TimeUnit.SECONDS)).as("the agent exits after SIGTERM").isTrue();
            assertThat(agent.exitValue()).as("exit code after SIGTERM without a main process; stderr: %s",
                    read("agent-stderr.log")).isZero();
            assertThat(observer.instances("web", "")).as("deregistered on the way out").isEmpty();
        } finally {
            agent.destroyForcibly();
        }
        assertThat(read("agent-stderr.log")).as("the JVM's warnings").doesNotContainIgnoringCase("aot")
                .doesNotContainIgnoringCase("shared archive").doesNotContain("[warning]");
        String loaded = Files.readString(classLoading);
        assertThat(loaded).as("where the agent's classes came from")
                .contains("dev.pilot.agent.Main source: shared objects file")
                .contains("dev.pilot.discovery.local.LocalBackendProvider source: shared objects file");
        assertThat(loaded).as("an agent on the local backend loads no other backend's classes or libraries")
                .doesNotContain("dev.pilot.discovery.consul.", "dev.pilot.discovery.etcd.", "dev.pilot.discovery.zookeeper.",
                        "org.apache.curator.", "org.apache.zookeeper.", "io.netty.", "com.google.common.");
        assertThat(loaded).as("the local backend's cache: the JVM loads neither the HTTP client nor TLS, which only the other backends use")
                .doesNotContain("jdk.internal.net.http.", "sun.security.ssl.");
        assertThat(loaded).as("an agent without a telemetry block loads neither the endpoint nor Micrometer")
                .doesNotContain("dev.pilot.agent.telemetry.prometheus.", "io.micrometer.", "io.prometheus.");
    }

    @Test
    void theTelemetryEndpointServesItsMetricsFromItsOwnFolder() throws Exception {
        Path home = unpack(tarball(), "with-telemetry");
        Path classLoading = work.resolve("telemetry-class-load.log");
        int port = FreePorts.pick(); // below the ephemeral range: no outgoing connection takes it before the agent binds
        Process agent = startWithoutJdk(home, "telemetry", """
                {"local": "%s",
                 "services": [{"name": "web", "port": 8080, "health": "true", "poll": 1, "ttl": 10,
                               "interfaces": ["static:127.0.0.1"]}],
                 "telemetry": {"port": %d, "interfaces": ["static:127.0.0.1"], "sensors": [
                   {"name": "temperature", "help": "degrees", "type": "gauge", "poll": 1, "check": ["echo", "21.5"]}]}}
                """.formatted(work.resolve("telemetry-catalog"), port), classLoading);
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest scrape = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build();
        try {
            await().atMost(START).failFast(() -> !agent.isAlive()).ignoreExceptions().untilAsserted(() ->
                    assertThat(http.send(scrape, HttpResponse.BodyHandlers.ofString()).body())
                            .contains("\ntemperature 21.5\n", "pilot_heartbeats_total{service=\"web\"}", "jvm_memory_used_bytes"));
            agent.toHandle().destroy();
            assertThat(agent.waitFor(30, TimeUnit.SECONDS)).as("the agent exits after SIGTERM").isTrue();
        } finally {
            agent.destroyForcibly();
        }
        assertThat(Files.readString(classLoading)).as("where Micrometer and the endpoint came from")
                .containsPattern("io\\.micrometer\\.prometheusmetrics\\.PrometheusMeterRegistry source: \\S*/lib/telemetry/micrometer-registry-prometheus-")
                .containsPattern("dev\\.pilot\\.agent\\.telemetry\\.prometheus\\.PrometheusTelemetry source: \\S*/lib/telemetry/pilot-agent-telemetry-");
    }

    @Test
    void anAgentWithTelemetryButWithoutItsFolderSaysSoInOneLineAndExits() throws Exception {
        Path home = unpack(tarball(), "without-telemetry-folder");
        deleteRecursively(home.resolve("lib/telemetry"));
        Process agent = startWithoutJdk(home, "no-telemetry-folder", """
                {"local": "%s",
                 "services": [{"name": "web", "port": 8080, "health": "true", "poll": 1, "ttl": 10,
                               "interfaces": ["static:127.0.0.1"]}],
                 "telemetry": {"port": 9090, "interfaces": ["static:127.0.0.1"]}}
                """.formatted(work.resolve("no-telemetry-catalog")), work.resolve("no-telemetry-class-load.log"));
        try {
            assertThat(agent.waitFor(START.toSeconds(), TimeUnit.SECONDS)).as("the agent exits").isTrue();
            assertThat(agent.exitValue()).as("exit code").isEqualTo(1);
        } finally {
            agent.destroyForcibly();
        }
        String output = read("no-telemetry-folder-stdout.log") + read("no-telemetry-folder-stderr.log");
        assertThat(output).as("what the agent said")
                .contains("telemetry: the telemetry folder (-Dpilot.telemetry) " + home.resolve("lib/telemetry") + " cannot be listed")
                .doesNotContain("\tat ", "Exception:");
    }

    @Test
    void theLauncherFindsItsFolderThroughLinksAndWhereverItIsCalledFrom() throws Exception {
        Path home = unpack(tarball(), "linked");
        Path links = Files.createDirectory(work.resolve("links"));
        Path absolute = Files.createSymbolicLink(links.resolve("pilot"), home.resolve("bin/pilot"));
        Path relative = Files.createSymbolicLink(links.resolve("relative"), links.relativize(home.resolve("bin/pilot")));
        Path chain = Files.createSymbolicLink(links.resolve("chain"), Path.of("relative"));
        Path bin = home.resolve("bin");
        // each command, and the folder it is run from
        Map<List<String>, Path> launches = Map.of(
                List.of(absolute.toString(), "-version"), work,
                List.of(relative.toString(), "-version"), work,
                List.of(chain.toString(), "-version"), work,
                List.of("./pilot", "-version"), bin,
                List.of("sh", "pilot", "-version"), bin);
        for (var launch : launches.entrySet()) {
            String command = String.join(" ", launch.getKey()) + " (in " + launch.getValue() + ")";
            Process launcher = new ProcessBuilder(launch.getKey()).directory(launch.getValue().toFile())
                    .redirectErrorStream(true).start();
            String output = new String(launcher.getInputStream().readAllBytes());
            assertThat(launcher.waitFor(START.toSeconds(), TimeUnit.SECONDS)).as(command).isTrue();
            assertThat(launcher.exitValue()).as(command + ": " + output).isZero();
            assertThat(output).as(command).startsWith("Version: ");
        }
    }

    @Test
    void theLauncherOpensTheCacheOfTheBackendTheConfigurationNames() throws Exception {
        Path home = unpack(tarball(), "caches");
        Path zookeeper = Files.writeString(work.resolve("zookeeper.json"), """
                {"zookeeper": {"address": "127.0.0.1:2181"},
                 "services": [{"name": "web", "port": 8080, "poll": 1, "ttl": 10, "consul": {"enableTagOverride": true}}]}
                """);
        // the flag's forms, the variable, the backend named first, a file that is not there, no configuration
        record Launch(List<String> arguments, String variable, String backend) {}
        List<Launch> launches = List.of(
                new Launch(List.of("-config", "{\"consul\": \"127.0.0.1:8500\"}", "-version"), null, "consul"),
                new Launch(List.of("--config={\"etcd\": {\"endpoints\": \"http://127.0.0.1:2379\"}}", "-version"), null, "etcd"),
                new Launch(List.of("-config", "file://" + zookeeper, "-version"), null, "zookeeper"),
                new Launch(List.of("-version"), "{\"etcd\": {}}", "etcd"),
                new Launch(List.of("-config", "file://" + work.resolve("missing.json"), "-version"), null, "local"),
                new Launch(List.of("-version"), null, "local"));
        for (Launch launch : launches) {
            List<String> command = new java.util.ArrayList<>(List.of(home.resolve("bin/pilot").toString()));
            command.addAll(launch.arguments());
            String what = String.join(" ", command) + (launch.variable() == null ? "" : " with $CONTAINERPILOT=" + launch.variable());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("PILOT_JAVA_OPTS", "-Xlog:aot:stdout");
            builder.environment().remove("CONTAINERPILOT");
            if (launch.variable() != null) {
                builder.environment().put("CONTAINERPILOT", launch.variable());
            }
            Process launcher = builder.start();
            String output = new String(launcher.getInputStream().readAllBytes());
            assertThat(launcher.waitFor(START.toSeconds(), TimeUnit.SECONDS)).as(what).isTrue();
            assertThat(output).as(what)
                    .contains("Opened AOT cache " + home.resolve("lib/backends/" + launch.backend() + "/pilot.aot") + ".")
                    .contains("Version: ");
        }
    }

    @Test
    void theZooKeeperCacheHoldsNoTlsImplementation() throws Exception {
        // the JVM loads every class its cache holds as it starts, so a -version run shows the cache;
        // ZooKeeper's client asks what TLS supports, which the agent answers without the JDK's TLS
        // implementation (SupportedTls): a cache trained with the JDK's answer would hold it
        Path home = unpack(tarball(), "zookeeper-cache");
        Path config = Files.writeString(work.resolve("zookeeper-cache.json"), """
                {"zookeeper": {"address": "127.0.0.1:2181"}, "services": [{"name": "web", "port": 8080, "poll": 1, "ttl": 10}]}
                """);
        Path classLoading = work.resolve("zookeeper-cache-class-load.log");
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/pilot").toString(), "-config", "file://" + config, "-version")
                .redirectErrorStream(true);
        builder.environment().put("PILOT_JAVA_OPTS", "-XX:AOTMode=on -Xlog:class+load=info:file=" + classLoading);
        builder.environment().remove("CONTAINERPILOT");
        Process launcher = builder.start();
        String output = new String(launcher.getInputStream().readAllBytes());
        assertThat(launcher.waitFor(START.toSeconds(), TimeUnit.SECONDS)).as(output).isTrue();
        assertThat(output).contains("Version: ");
        String loaded = Files.readString(classLoading);
        assertThat(loaded).as("the cache was used").contains("source: shared objects file");
        assertThat(loaded).as("the classes ZooKeeper's cache made the JVM load").doesNotContain("sun.security.ssl.");
    }

    /**
     * Starts {@code bin/pilot} of {@code home} with {@code config} in a mount namespace where no
     * JDK can be seen, with the AOT cache required and every class load logged to {@code classLoading};
     * its output goes to {@code LABEL-stdout.log} and {@code LABEL-stderr.log}.
     */
    private static Process startWithoutJdk(Path home, String label, String config, Path classLoading) throws IOException {
        Path configFile = work.resolve(label + ".json");
        Files.writeString(configFile, config);
        // inside the namespace: hide the JDKs, prove java is gone, then become the agent
        Path inside = work.resolve(label + "-inside.sh");
        Files.writeString(inside, """
                mount -t tmpfs pilot-no-jdk %1$s
                if [ -n "$(ls -A %1$s)" ] || command -v java > /dev/null; then
                    echo "a JDK is still visible: $(ls -A %1$s) $(command -v java)" >&2
                    exit 97
                fi
                exec %2$s/bin/pilot -config file://%3$s
                """.formatted(HIDDEN_JDKS, home, configFile));
        ProcessBuilder builder = new ProcessBuilder("unshare", "--mount", "--propagation", "private", "sh", inside.toString())
                .redirectOutput(work.resolve(label + "-stdout.log").toFile())
                .redirectError(work.resolve(label + "-stderr.log").toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeAll(List.of("JAVA_HOME", "JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS", "CLASSPATH"));
        environment.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        // AOTMode=on: the JVM refuses to start rather than run without the cache
        environment.put("PILOT_JAVA_OPTS", "-XX:AOTMode=on -Xlog:class+load=info:file=" + classLoading);
        return builder.start();
    }

    private static Path tarball() {
        String property = System.getProperty("pilot.dist.tarball");
        if (property == null || !Files.isRegularFile(Path.of(property))) {
            fail("no tarball at " + property + ": run `mvn package` of dist (scripts/dist) first");
        }
        return Path.of(property);
    }

    /** Unpacks with tar (modification times kept: the AOT cache checks the jar's); returns the one top folder. */
    private static Path unpack(Path tarball, String folder) throws IOException, InterruptedException {
        Path into = Files.createDirectory(work.resolve(folder));
        Process tar = new ProcessBuilder("tar", "-xf", tarball.toString(), "-C", into.toString()).inheritIO().start();
        assertThat(tar.waitFor()).as("tar -xf").isZero();
        try (var entries = Files.list(into)) {
            List<Path> top = entries.toList();
            assertThat(top).as("one folder at the top of the tarball").hasSize(1);
            assertThat(top.getFirst().resolve("bin/pilot")).isExecutable();
            return top.getFirst();
        }
    }

    private static String read(String name) throws IOException {
        Path file = work.resolve(name);
        return Files.exists(file) ? Files.readString(file) : "";
    }

    private static void deleteRecursively(Path folder) throws IOException {
        try (var paths = Files.walk(folder)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
