package dev.pilot.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pilot.discovery.Backends;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.testservers.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the agent does whatever the catalog: tasks, coprocesses, telemetry, the command line.
 * Run on the {@code local} backend, the agent as a separate OS process.
 */
class AgentFeaturesIT {

    private static final Duration AGENT_START = AgentEndToEndContract.AGENT_START;

    @TempDir
    Path work;
    private final List<AgentProcess> agents = new ArrayList<>();

    @AfterEach
    void stopAgents() throws InterruptedException {
        for (AgentProcess agent : agents) {
            agent.close();
        }
    }

    private Path config(String body) throws IOException {
        Path file = work.resolve("agent.json");
        Files.writeString(file, "{\"local\": \"" + work.resolve("catalog") + "\",\n" + body + "}");
        return file;
    }

    private AgentProcess start(List<String> command) throws IOException {
        return start(command, Map.of());
    }

    private AgentProcess start(List<String> command, Map<String, String> environment) throws IOException {
        AgentProcess agent = AgentProcess.start("features", command, environment);
        agents.add(agent);
        return agent;
    }

    private static List<String> pilot(String... args) {
        List<String> command = new ArrayList<>(List.of(AgentProcess.launcher().toString()));
        command.addAll(List.of(args));
        return command;
    }

    private long lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file).size() : 0;
    }

    @Test
    void tasksRunAtTheirFrequencyAndAreKilledAtTheirTimeout() throws Exception {
        Path quick = work.resolve("quick");
        Path slow = work.resolve("slow");
        AgentProcess agent = start(AgentProcess.command(config("""
                "tasks": [
                  {"name": "quick", "command": ["sh", "-c", "date +%%s%%N >> %s"], "frequency": "500ms"},
                  {"name": "slow", "command": ["sh", "-c", "echo start >> %s; sleep 2; echo end >> %s"], "frequency": "1500ms"}
                ]""".formatted(quick, slow, slow))));

        await().atMost(AGENT_START).until(() -> lines(quick) >= 6);
        List<Long> starts = Files.readAllLines(quick).stream().map(Long::parseLong).toList();
        List<Long> intervals = new ArrayList<>();
        for (int i = 1; i < starts.size(); i++) {
            intervals.add((starts.get(i) - starts.get(i - 1)) / 1_000_000);
        }
        long median = intervals.stream().sorted().toList().get(intervals.size() / 2);
        assertThat(median).as("median ms between runs of a 500ms task, of %s", intervals).isBetween(400L, 750L);
        await().atMost(AGENT_START).until(() -> agent.printed("task[slow] timeout after 1.5s: 'sh -c echo start"));
        assertThat(Files.readAllLines(slow)).as("killed by the default timeout, the frequency").doesNotContain("end");
    }

    @Test
    void aCoprocessRestartsWithinItsBudgetAndReloadGivesAFreshOne() throws Exception {
        Path runs = work.resolve("runs");
        String body = "\"coprocesses\": [{\"name\": \"worker\", \"command\": [\"sh\", \"-c\", \"echo %s >> " + runs
                + "\"], \"restarts\": 1}]";
        Path config = config(body.formatted("first"));
        AgentProcess agent = start(AgentProcess.command(config));

        // the event, not a quiet spell: the agent says when a coprocess spent its budget
        await().atMost(AGENT_START).until(() -> budgetsSpent(agent, "worker") == 1);
        assertThat(Files.readAllLines(runs)).as("a run and its one restart").containsExactly("first", "first");

        config(body.formatted("second"));
        agent.signal("HUP");

        await().atMost(AGENT_START).until(() -> budgetsSpent(agent, "worker") == 2);
        assertThat(Files.readAllLines(runs)).as("after the reload, a fresh budget").containsExactly("first", "first", "second", "second");
    }

    /** How many times the agent logged that coprocess {@code name} exited with no restarts left. */
    private static long budgetsSpent(AgentProcess agent, String name) {
        return agent.output().stream()
                .filter(line -> line.contains("coprocess[" + name + "] exited with") && line.contains("no restarts left"))
                .count();
    }

    @Test
    void telemetryServesSensorsAndAgentMetricsAndIsInTheCatalog() throws Exception {
        int port = FreePorts.pick(); // below the ephemeral range: no outgoing connection takes it before the agent binds
        start(AgentProcess.command(config("""
                "services": [{"name": "app", "port": 8000, "health": "true", "poll": 1, "ttl": 5, "interfaces": "static:127.0.0.1"}],
                "telemetry": {"port": %d, "interfaces": ["lo"], "sensors": [
                  {"namespace": "containerpilot", "subsystem": "app", "name": "some_counter", "help": "help text",
                   "type": "counter", "poll": 1, "check": ["echo", "42"]},
                  {"name": "temperature", "help": "degrees", "type": "gauge", "poll": 1, "check": ["echo", "21.5"]},
                  {"name": "latency", "type": "histogram", "poll": 1, "check": ["echo", "0.3"]}
                ]}""".formatted(port))));
        HttpClient http = HttpClient.newHttpClient();
        URI metrics = URI.create("http://127.0.0.1:" + port + "/metrics");

        await().atMost(AGENT_START).ignoreExceptions().until(() -> {
            String body = http.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher counter = Pattern.compile("(?m)^containerpilot_app_some_counter_total (\\d+)\\.0$").matcher(body);
            return counter.find() && Long.parseLong(counter.group(1)) >= 42 && Long.parseLong(counter.group(1)) % 42 == 0
                    && body.contains("\ntemperature 21.5\n")
                    && body.contains("latency_bucket{le=\"0.5\"}")
                    && body.contains("pilot_heartbeats_total{service=\"app\"}")
                    && body.contains("jvm_memory_used_bytes");
        });
        try (ServiceBackend observer = Backends.fromClassPath().create("local", work.resolve("catalog").toString())) {
            await().atMost(AGENT_START).until(() -> observer.instances("containerpilot", "").size() == 1);
            assertThat(observer.instances("containerpilot", "").getFirst().port()).isEqualTo(port);
            assertThat(observer.instances("containerpilot", "").getFirst().address()).isEqualTo("127.0.0.1");
        }
    }

    @Test
    void hooksAndTheMainProcessSeeTheAgentsEnvironmentVariables() throws Exception {
        Path seen = work.resolve("seen");
        AgentProcess agent = start(AgentProcess.command(config("""
                "services": [{"name": "my-app", "port": 8000, "poll": 1, "ttl": 5, "interfaces": "static:10.9.8.7"}],
                "preStart": ["sh", "-c", "echo pre=$CONTAINERPILOT_MY_APP_IP >> %s"]
                """.formatted(seen)), "sh", "-c", "echo main={{ .CONTAINERPILOT_MY_APP_IP }},$CONTAINERPILOT_PRESTART_PID >> " + seen));

        assertThat(agent.awaitExit(AGENT_START)).isZero();
        List<String> lines = Files.readAllLines(seen);
        assertThat(lines.getFirst()).isEqualTo("pre=10.9.8.7");
        assertThat(lines.get(1)).matches("main=10\\.9\\.8\\.7,\\d+");
    }

    @Test
    void aConfigErrorExitsOneWithTheKeyPathBeforeAnythingRuns() throws Exception {
        Path ran = work.resolve("ran");
        AgentProcess agent = start(AgentProcess.command(config("""
                "preStart": ["touch", "%s"],
                "services": [{"name": "app", "port": 80, "poll": 1, "ttl": "ten"}]""".formatted(ran))));

        assertThat(agent.awaitExit(AGENT_START)).isEqualTo(1);
        assertThat(agent.output()).anyMatch(line ->
                line.endsWith("configuration error: services[0].ttl: expected a positive number of seconds, got \"ten\""));
        assertThat(ran).doesNotExist();
    }

    @Test
    void aFailingPreStartEndsTheAgentWithItsCode() throws Exception {
        AgentProcess agent = start(AgentProcess.command(config("\"preStart\": [\"sh\", \"-c\", \"exit 4\"]"), "sleep", "600"));
        assertThat(agent.awaitExit(AGENT_START)).isEqualTo(4);
    }

    @Test
    void theConfigCanComeFromTheEnvironment() throws Exception {
        Path ran = work.resolve("ran");
        String inline = "{\"local\": \"" + work.resolve("catalog") + "\", \"preStart\": [\"touch\", \"" + ran + "\"]}";
        AgentProcess agent = start(pilot("true"), Map.of("CONTAINERPILOT", inline));
        assertThat(agent.awaitExit(AGENT_START)).isZero();
        assertThat(ran).exists();
    }

    @Test
    void templateFlagPrintsTheRenderedConfigAndExits() throws Exception {
        Path config = work.resolve("t.json");
        Files.writeString(config, "{\"consul\": \"{{ .CONSUL_HOST | default \"consul\" }}:8500\"}");
        AgentProcess agent = start(pilot("-config", "file://" + config, "-template"), Map.of("CONSUL_HOST", "10.0.0.9"));
        assertThat(agent.awaitExit(AGENT_START)).isZero();
        assertThat(agent.output()).containsExactly("{\"consul\": \"10.0.0.9:8500\"}");

        Path out = work.resolve("out.json");
        AgentProcess toFile = start(pilot("-config", "file://" + config, "-template", "-out", "file://" + out));
        assertThat(toFile.awaitExit(AGENT_START)).isZero();
        assertThat(out).hasContent("{\"consul\": \"consul:8500\"}");
    }

    @Test
    void versionHelpAndUsageErrors() throws Exception {
        AgentProcess version = start(pilot("-version"));
        assertThat(version.awaitExit(AGENT_START)).isZero();
        assertThat(version.output().getFirst()).startsWith("Version: ");

        AgentProcess help = start(pilot("--help"));
        assertThat(help.awaitExit(AGENT_START)).isZero();
        assertThat(String.join("\n", help.output())).contains("-config", "-template", "-out", "-version", "Example:");

        AgentProcess unknown = start(pilot("-nope"));
        assertThat(unknown.awaitExit(AGENT_START)).isEqualTo(2);
        assertThat(unknown.output()).contains("flag provided but not defined: -nope").anyMatch(line -> line.startsWith("Usage: pilot"));
    }

    @Test
    void withoutAConfigTheAgentSaysSoAndExitsOne() throws Exception {
        AgentProcess agent = start(pilot("true"));
        assertThat(agent.awaitExit(AGENT_START)).isEqualTo(1);
        assertThat(agent.output()).anyMatch(line -> line.contains("-config flag is required"));
    }

    @Test
    void debugLoggingInJsonShowsTheLoadedConfigAndHookOutputWithItsProcessField() throws Exception {
        AgentProcess agent = start(AgentProcess.command(config("""
                "logging": {"level": "DEBUG", "format": "json", "output": "stdout"},
                "tasks": [{"name": "hello", "command": ["echo", "hi there"], "frequency": "200ms"}]""")));

        await().atMost(AGENT_START).until(() -> agent.printed("\"msg\":\"hi there\",\"process\":\"task[hello]\""));
        assertThat(agent.output()).anyMatch(line -> line.startsWith("{\"level\":\"debug\",\"msg\":\"Loaded config: "));
    }

    @Test
    void aReloadWithABadConfigKeepsTheRunningOne() throws Exception {
        Path runs = work.resolve("runs");
        Path config = config("\"tasks\": [{\"command\": [\"sh\", \"-c\", \"echo run >> " + runs + "\"], \"frequency\": \"200ms\"}]");
        AgentProcess agent = start(AgentProcess.command(config));
        await().atMost(AGENT_START).until(() -> lines(runs) > 0);

        Files.writeString(config, "{\"local\": \"/tmp\", \"tasks\": [{\"command\": \"x\"}]}");
        agent.signal("HUP");

        await().atMost(AGENT_START).until(() -> agent.printed(
                "reload: keeping the running configuration: tasks[0].frequency: expected a duration of at least 1ms"));
        long before = lines(runs);
        await().atMost(AGENT_START).until(() -> lines(runs) > before);
        assertThat(agent.isAlive()).isTrue();
    }

    @Test
    void aHealthCheckThatOutlivesItsTimeoutIsKilledAndSendsNoHeartbeat() throws Exception {
        Path started = work.resolve("started");
        AgentProcess agent = start(AgentProcess.command(config("""
                "services": [{"name": "slow", "port": 80, "poll": 1, "ttl": 5, "timeout": "300ms",
                              "interfaces": "static:127.0.0.1",
                              "health": ["sh", "-c", "touch %s; exec sleep 30"]}]""".formatted(started))));

        await().atMost(AGENT_START).until(() -> agent.printed("slow.health timeout after 300ms: 'sh -c touch "));
        assertThat(agent.output()).noneMatch(line -> line.contains("registered slow-"));
        try (ServiceBackend observer = Backends.fromClassPath().create("local", work.resolve("catalog").toString())) {
            assertThat(observer.instances("slow", "")).isEmpty();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> ProcessHandle.of(agent.pid()).orElseThrow().descendants()
                .noneMatch(p -> p.info().commandLine().orElse("").contains("sleep 30")));
    }
}
