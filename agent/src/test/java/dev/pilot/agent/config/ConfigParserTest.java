package dev.pilot.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pilot.agent.config.net.HostAddress;
import dev.pilot.agent.config.net.Interfaces;
import dev.pilot.discovery.ConfigException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigParserTest {

    private static final List<HostAddress> ADDRESSES = List.of(
            new HostAddress("eth0", InetAddress.ofLiteral("10.0.0.5")),
            new HostAddress("eth0", InetAddress.ofLiteral("fd00::5")),
            new HostAddress("lo", InetAddress.ofLiteral("127.0.0.1")));

    private final ConfigParser parser = new ConfigParser(Set.of("local", "consul"), "host1",
            new Interfaces(() -> ADDRESSES.stream().sorted(HostAddress.ORDER).toList()));

    private AgentConfig parse(String json) {
        return parser.parse(ConfigLoader.parseJson(json));
    }

    private static String withBackend(String body) {
        return "{\"local\": \"/tmp/c\"" + (body.isEmpty() ? "" : ", " + body) + "}";
    }

    private void assertError(String body, String message) {
        assertThatThrownBy(() -> parse(withBackend(body))).isInstanceOf(ConfigException.class).hasMessage(message);
    }

    @Test
    void everyKeyIsRead() {
        AgentConfig config = parse("""
                {
                  "consul": "localhost:8500",
                  "logging": {"level": "DEBUG", "format": "json", "output": "stderr"},
                  "preStart": "/bin/prestart.sh arg",
                  "preStop": ["/bin/prestop", 1, 2.5],
                  "postStop": "/bin/poststop",
                  "stopTimeout": "10",
                  "services": [{
                    "name": "app", "port": "8000", "health": "curl -f localhost", "poll": 3, "ttl": "10",
                    "timeout": "1500ms", "interfaces": ["eth1", "eth0:inet6"], "tags": ["a", "b"],
                    "consul": {"enableTagOverride": true, "deregisterCriticalServiceAfter": "10m"}
                  }],
                  "backends": [{"name": "db", "poll": 7, "onChange": "reload.sh", "timeout": "2s", "tag": "primary"}],
                  "tasks": [{"name": "t", "command": "task.sh", "frequency": "500ms", "timeout": "100ms"}],
                  "coprocesses": [{"command": ["consul-template", "-config", "x"], "restarts": "unlimited"}],
                  "telemetry": {"port": 9091, "interfaces": ["lo"], "tags": ["m"], "sensors": [{
                    "namespace": "cp", "subsystem": "app", "name": "hits", "help": "Hits", "type": "counter",
                    "poll": 5, "check": ["sensor.sh"], "timeout": "2s"}]}
                }""");

        assertThat(config.backend()).as("the backend's config as written: services' options stay with each service")
                .isEqualTo(new AgentConfig.BackendChoice("consul", "localhost:8500"));
        assertThat(config.logging()).isEqualTo(new LoggingConfig(LoggingConfig.Level.DEBUG, LoggingConfig.Format.JSON,
                LoggingConfig.Output.STDERR));
        assertThat(config.preStart()).contains(Command.of("/bin/prestart.sh", "arg"));
        assertThat(config.preStop()).contains(Command.of("/bin/prestop", "1", "2.5"));
        assertThat(config.postStop()).contains(Command.of("/bin/poststop"));
        assertThat(config.stopTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.services()).containsExactly(new ServiceConfig("app", "app-host1", 8000, Duration.ofSeconds(3),
                Duration.ofSeconds(10), Optional.of(Command.of("curl", "-f", "localhost")), Duration.ofMillis(1500),
                "fd00::5", List.of("a", "b"),
                Map.of("consul", Map.of("enableTagOverride", true, "deregisterCriticalServiceAfter", "10m"))));
        assertThat(config.upstreams()).containsExactly(new UpstreamConfig("db", Duration.ofSeconds(7),
                Command.of("reload.sh"), Duration.ofSeconds(2), "primary"));
        assertThat(config.tasks()).containsExactly(new TaskConfig("t", Command.of("task.sh"), Duration.ofMillis(500),
                Duration.ofMillis(100)));
        assertThat(config.coprocesses()).containsExactly(new CoprocessConfig("consul-template -config x",
                Command.of("consul-template", "-config", "x"), CoprocessConfig.UNLIMITED));
        assertThat(config.telemetry()).contains(new TelemetryConfig(9091, "127.0.0.1", List.of("m"),
                "containerpilot-host1", List.of(new SensorConfig("cp_app_hits", "Hits", SensorConfig.Type.COUNTER,
                Duration.ofSeconds(5), Command.of("sensor.sh"), Duration.ofSeconds(2)))));
        assertThat(config.warnings()).isEmpty();
    }

    @Test
    void defaults() {
        AgentConfig config = parse(withBackend("""
                "services": [{"name": "app", "port": 80, "poll": 1, "ttl": 3}],
                "tasks": [{"command": "t.sh", "frequency": "2s"}],
                "coprocesses": [{"command": "c.sh"}],
                "telemetry": {"interfaces": "lo", "sensors": [{"name": "g", "type": "gauge", "poll": 4, "check": "s"}]}
                """));

        assertThat(config.logging()).isEqualTo(LoggingConfig.DEFAULT);
        assertThat(config.stopTimeout()).isEqualTo(Duration.ofSeconds(5));
        ServiceConfig service = config.services().getFirst();
        assertThat(service.health()).isEmpty();
        assertThat(service.timeout()).isZero();
        assertThat(service.address()).as("eth0:inet").isEqualTo("10.0.0.5");
        assertThat(service.tags()).isEmpty();
        assertThat(config.tasks().getFirst()).isEqualTo(new TaskConfig("t.sh", Command.of("t.sh"),
                Duration.ofSeconds(2), Duration.ofSeconds(2)));
        assertThat(config.coprocesses().getFirst().restarts()).as("never").isZero();
        TelemetryConfig telemetry = config.telemetry().orElseThrow();
        assertThat(telemetry.port()).isEqualTo(9090);
        assertThat(telemetry.sensors().getFirst().timeout()).as("the poll interval").isEqualTo(Duration.ofSeconds(4));
        assertThat(telemetry.sensors().getFirst().help()).isEqualTo("g");
    }

    @Test
    void consulServiceOptionsStayWithTheirServiceAndOtherBackendsIgnoreThem() {
        AgentConfig config = parse("""
                {"consul": {"address": "https://c:8501", "EnableTagOverride": false},
                 "services": [{"name": "a", "port": 1, "poll": 1, "ttl": 1, "interfaces": "lo",
                               "consul": {"enableTagOverride": true}}]}""");
        assertThat(config.backend().raw()).isEqualTo(Map.of("address", "https://c:8501", "EnableTagOverride", false));
        assertThat(config.services().getFirst().definition().options("consul")).contains(Map.of("enableTagOverride", true));
        assertThat(parse(withBackend("\"services\": [{\"name\": \"app\", \"port\": 1, \"poll\": 1, \"ttl\": 1, "
                + "\"consul\": {\"enableTagOverride\": true}}]")).warnings())
                .containsExactly("services[0].consul: options for the consul backend; ignored with local");
    }

    @Test
    void twoServicesKeepTheirOwnConsulOptions() {
        AgentConfig config = parse("""
                {"consul": "localhost:8500",
                 "services": [{"name": "api", "port": 1, "poll": 1, "ttl": 1, "interfaces": "lo",
                               "consul": {"deregisterCriticalServiceAfter": "2m"}},
                              {"name": "web", "port": 2, "poll": 1, "ttl": 1, "interfaces": "lo",
                               "consul": {"deregisterCriticalServiceAfter": "7m"}}]}""");

        assertThat(config.services()).extracting(service -> service.definition().options("consul").orElseThrow())
                .containsExactly(Map.of("deregisterCriticalServiceAfter", "2m"), Map.of("deregisterCriticalServiceAfter", "7m"));
        assertThat(config.warnings()).isEmpty();
    }

    @Test
    void stopTimeoutZeroIsTheDefaultAndNegativeKillsAtOnce() {
        assertThat(parse(withBackend("\"stopTimeout\": 0")).stopTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(parse(withBackend("\"stopTimeout\": -1")).stopTimeout()).isZero();
    }

    @Test
    void onStartIsADeprecatedPreStart() {
        AgentConfig config = parse(withBackend("\"onStart\": \"a.sh\""));
        assertThat(config.preStart()).contains(Command.of("a.sh"));
        assertThat(config.warnings()).containsExactly("onStart is deprecated: use preStart");
    }

    @Test
    void keysInsideBlocksMatchCaseInsensitively() {
        AgentConfig config = parse(withBackend("\"services\": [{\"Name\": \"app\", \"PORT\": 80, \"poll\": 1, \"TTL\": 3}]"));
        assertThat(config.services().getFirst().name()).isEqualTo("app");
    }

    @Test
    void restartsAcceptsNumbersAndNumericStrings() {
        assertThat(parse(withBackend("\"coprocesses\": [{\"command\": \"c\", \"restarts\": \"2\"}]"))
                .coprocesses().getFirst().restarts()).isEqualTo(2);
        assertThat(parse(withBackend("\"coprocesses\": [{\"command\": \"c\", \"restarts\": 2.7}]"))
                .coprocesses().getFirst().restarts()).isEqualTo(2);
        assertThat(parse(withBackend("\"coprocesses\": [{\"command\": \"c\", \"restarts\": \"never\"}]"))
                .coprocesses().getFirst().restarts()).isZero();
    }

    @Test
    void aServiceNameThatIsNotADnsLabelIsAWarning() {
        assertThat(parse(withBackend("\"services\": [{\"name\": \"My_App\", \"port\": 80, \"poll\": 1, \"ttl\": 3}]"))
                .warnings()).singleElement().asString().contains("\"My_App\" is not a valid DNS label");
    }

    @Test
    void aNullEntryInAListIsAnError() {
        assertError("\"services\": [null]", "services[0]: expected an object, got nothing");
        assertError("\"backends\": [null]", "backends[0]: expected an object, got nothing");
    }

    @Test
    void backendKeyErrors() {
        assertThatThrownBy(() -> parse("{}")).hasMessage("config: expected one discovery backend key (one of [consul, local]), got none");
        assertThatThrownBy(() -> parse("{\"local\": \"/x\", \"consul\": \"h:1\"}"))
                .hasMessage("config: expected one discovery backend key, got 2: [consul, local]");
        assertThatThrownBy(() -> parse("{\"etcd\": {}}"))
                .hasMessage("etcd: this build has no etcd backend; installed: [consul, local]");
        assertThatThrownBy(() -> parse("[]")).hasMessage("config: expected a JSON object, got an array");
    }

    @Test
    void unknownAndMisspelledKeys() {
        assertError("\"Services\": []", "Services: unknown key (top-level keys are case-sensitive); expected one of "
                + "[backends, consul, coprocesses, local, logging, onStart, postStop, preStart, preStop, services, "
                + "stopTimeout, tasks, telemetry]");
        assertError("\"services\": [{\"name\": \"a\", \"port\": 1, \"poll\": 1, \"ttl\": 1, \"heath\": \"x\"}]",
                "services[0].heath: unknown key; expected one of [name, port, health, poll, ttl, timeout, interfaces, tags, consul, etcd, local, zookeeper]");
        assertError("\"backends\": [{\"name\": \"a\", \"poll\": 1, \"onchange\": \"x\", \"tags\": \"t\"}]",
                "backends[0].tags: unknown key; expected one of [name, poll, onChange, timeout, tag]");
    }

    @Test
    void serviceErrors() {
        assertError("\"services\": [{\"port\": 1, \"poll\": 1, \"ttl\": 1}]",
                "services[0].name: expected a non-blank service name, got nothing");
        assertError("\"services\": [{\"name\": \"a\", \"port\": 1, \"poll\": 1, \"ttl\": \"ten\"}]",
                "services[0].ttl: expected a positive number of seconds, got \"ten\"");
        assertError("\"services\": [{\"name\": \"a\", \"port\": 1, \"poll\": \"10s\", \"ttl\": 1}]",
                "services[0].poll: expected a positive number of seconds, got \"10s\"");
        assertError("\"services\": [{\"name\": \"a\", \"port\": 1, \"poll\": 0, \"ttl\": 1}]",
                "services[0].poll: expected a positive number of seconds, got 0");
        assertError("\"services\": [{\"name\": \"a\", \"port\": 70000, \"poll\": 1, \"ttl\": 1}]",
                "services[0].port: expected a port number from 1 to 65535, got 70000");
        assertError("\"services\": [{\"name\": \"a\", \"port\": 1, \"poll\": 1, \"ttl\": 1, \"timeout\": \"soon\"}]",
                "services[0].timeout: expected a duration such as \"10s\" or \"1500ms\", got \"soon\"");
        assertError("\"services\": [{\"name\": \"a\", \"port\": 1, \"poll\": 1, \"ttl\": 1, \"health\": \"  \"}]",
                "services[0].health: expected a command (a string, or an array of the executable and its arguments), got \"  \"");
        assertError("\"services\": [{\"name\": \"a\", \"port\": 1, \"poll\": 1, \"ttl\": 1, \"health\": [\"x\", {}]}]",
                "services[0].health[1]: expected a string or a number, got an object");
        assertError("\"services\": [{\"name\": \"a\", \"port\": 1, \"poll\": 1, \"ttl\": 1, \"tags\": [1]}]",
                "services[0].tags[0]: expected a string, got 1");
        assertError("\"services\": {\"name\": \"a\"}", "services: expected an array, got an object");
        assertThatThrownBy(() -> parse("{\"consul\": \"localhost:8500\", \"services\": [{\"name\": \"a\", \"port\": 1, "
                        + "\"poll\": 1, \"ttl\": 1, \"consul\": {\"deregisterCriticalServiceAfter\": \"10x\"}}]}"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("services[0].consul.deregisterCriticalServiceAfter: expected a duration such as \"10s\" or \"1500ms\", got \"10x\"");
    }

    @Test
    void interfaceErrors() {
        assertError("\"services\": [{\"name\": \"a\", \"port\": 1, \"poll\": 1, \"ttl\": 1, \"interfaces\": [\"eth-0\"]}]",
                "services[0].interfaces[0]: expected an interface spec (inet, inet6, NAME, NAME:inet6, NAME[i], "
                        + "a CIDR such as 10.0.0.0/8, or static:IP), got \"eth-0\"");
        assertError("\"services\": [{\"name\": \"a\", \"port\": 1, \"poll\": 1, \"ttl\": 1, \"interfaces\": \"static:1.2.3\"}]",
                "services[0].interfaces[0]: expected an interface spec (inet, inet6, NAME, NAME:inet6, NAME[i], "
                        + "a CIDR such as 10.0.0.0/8, or static:IP), got \"static:1.2.3\"");
        assertError("\"services\": [{\"name\": \"a\", \"port\": 1, \"poll\": 1, \"ttl\": 1, \"interfaces\": [\"eth9\", \"192.168.0.0/16\"]}]",
                "services[0].interfaces: none of the interface specs [eth9, 192.168.0.0/16] matches an address of "
                        + "this host; its addresses: [eth0=10.0.0.5, eth0=fd00::5, lo=127.0.0.1]");
    }

    @Test
    void upstreamTaskCoprocessSensorAndLoggingErrors() {
        assertError("\"backends\": [{\"name\": \"db\", \"poll\": 1}]",
                "backends[0].onChange: expected a command (a string, or an array of the executable and its arguments), got nothing");
        assertError("\"tasks\": [{\"frequency\": \"1s\"}]",
                "tasks[0].command: expected a command (a string, or an array of the executable and its arguments), got nothing");
        assertError("\"tasks\": [{\"command\": \"t\"}]", "tasks[0].frequency: expected a duration of at least 1ms such as \"10s\", got nothing");
        assertError("\"tasks\": [{\"command\": \"t\", \"frequency\": \"1s\", \"timeout\": \"100us\"}]",
                "tasks[0].timeout: expected a duration of at least 1ms, got \"100us\"");
        assertError("\"coprocesses\": [{\"command\": \"c\", \"restarts\": \"always\"}]",
                "coprocesses[0].restarts: expected \"unlimited\", \"never\" or a number of restarts of 0 or more, got \"always\"");
        assertError("\"coprocesses\": [{\"command\": \"c\", \"restarts\": -1}]",
                "coprocesses[0].restarts: expected \"unlimited\", \"never\" or a number of restarts of 0 or more, got -1");
        assertError("\"telemetry\": {\"interfaces\": \"lo\", \"sensors\": [{\"name\": \"s\", \"type\": \"meter\", \"poll\": 1, \"check\": \"c\"}]}",
                "telemetry.sensors[0].type: expected one of counter, gauge, histogram, summary, got \"meter\"");
        assertError("\"telemetry\": {\"interfaces\": \"lo\", \"sensors\": [{\"name\": \"s\", \"type\": \"gauge\", \"poll\": -1, \"check\": \"c\"}]}",
                "telemetry.sensors[0].poll: expected a positive number of seconds, got -1");
        assertError("\"logging\": {\"level\": \"loud\"}",
                "logging.level: expected one of debug, info, warn, error, fatal, panic, got \"loud\"");
        assertError("\"logging\": {\"format\": \"xml\"}", "logging.format: expected one of default, text, json, got \"xml\"");
        assertError("\"stopTimeout\": \"5s\"",
                "stopTimeout: expected a whole number of seconds (0 for the default of 5, negative to kill at once), got \"5s\"");
    }

    @Test
    void jsonSyntaxErrorsNameLineAndColumn() {
        assertThatThrownBy(() -> ConfigLoader.parseJson("{\n  \"local\": \"/x\",\n  \"services\": [}\n}"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config: JSON syntax error at line 3, column 16: Unexpected close marker '}': expected ']', "
                        + "near: \"services\": [}");
    }

    @Test
    void jsonSyntaxErrorsAreOneLineWithoutParserInternals() {
        assertThatThrownBy(() -> ConfigLoader.parseJson("{\"local\": \"/x\",\n \"services\": [{\"name\": \"a\" \"port\": 1}]}"))
                .hasMessage("config: JSON syntax error at line 2, column 28: Unexpected character ('\"'): expected comma "
                        + "to separate Object entries, near: \"services\": [{\"name\": \"a\" \"port\": 1}]}");
        assertThatThrownBy(() -> ConfigLoader.parseJson("{\"local\": \"/x\""))
                .message().doesNotContain("\n", "Source", "code ", "StreamReadConstraints", "com.fasterxml")
                .isEqualTo("config: JSON syntax error at line 1, column 15: Unexpected end-of-input: expected close marker for Object, near: {\"local\": \"/x\"");
    }

    @Test
    void aKeyWrittenTwiceIsAnError() {
        assertThatThrownBy(() -> ConfigLoader.parseJson(withBackend("\"services\": [{\"name\": \"a\"}], \"services\": []")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("config: JSON syntax error at line 1, column 60: Duplicate field 'services'");
    }

    @Test
    void twoServicesWithOneNameAreAnError() {
        assertError("\"services\": [{\"name\": \"app\", \"port\": 80, \"poll\": 1, \"ttl\": 3},"
                        + " {\"name\": \"app\", \"port\": 81, \"poll\": 1, \"ttl\": 3}]",
                "services[1].name: expected a name no other service has, got \"app\" a second time "
                        + "(both would be one registration)");
    }

    @Test
    void numbersThatDoNotFitAreErrorsNamingTheKey() {
        assertError(service("\"port\": 18446744073709559696"),
                "services[0].port: expected a port number from 1 to 65535, got 18446744073709559696");
        assertError(service("\"poll\": 18446744073709551617"),
                "services[0].poll: expected a positive number of seconds, got 18446744073709551617");
        assertError(service("\"poll\": 1000000000000000000000000000000"),
                "services[0].poll: expected a positive number of seconds, got 1000000000000000000000000000000");
        assertError(service("\"poll\": 1e30"), "services[0].poll: expected a positive number of seconds, got 1.0E30");
        assertError(service("\"ttl\": 9223372036854775807"),
                "services[0].ttl: expected a positive number of seconds up to 9223372036, got 9223372036854775807");
        assertError("\"tasks\": [{\"command\": \"t\", \"frequency\": \"9999999999h\"}]",
                "tasks[0].frequency: expected a duration of at most 292 years (\"2562047h\"), got \"9999999999h\"");
        assertError("\"tasks\": [{\"command\": \"t\", \"frequency\": 1e30}]",
                "tasks[0].frequency: expected a duration of at most 292 years (\"2562047h\"), got 1.0E30");
        assertError("\"stopTimeout\": 99999999999999999999",
                "stopTimeout: expected a whole number of seconds (0 for the default of 5, negative to kill at once), "
                        + "got 99999999999999999999");
    }

    @Test
    void aPortIsAWholeNumberWrittenPlainly() {
        for (String port : List.of("8080.0", "1e3", "\" 1 \"", "\"8080.0\"", "true")) {
            assertThatThrownBy(() -> parse(withBackend(service("\"port\": " + port))))
                    .as(port).hasMessageStartingWith("services[0].port: expected a port number from 1 to 65535, got ");
        }
        assertThat(parse(withBackend(service("\"port\": \"8080\""))).services().getFirst().port()).isEqualTo(8080);
    }

    @Test
    void anEmptyLoggingLevelOrTagIsAnError() {
        assertError("\"logging\": {\"level\": \"\"}",
                "logging.level: expected one of debug, info, warn, error, fatal, panic, got \"\"");
        assertError("\"logging\": {\"level\": null}",
                "logging.level: expected one of debug, info, warn, error, fatal, panic, got nothing");
        assertError(service("\"tags\": \"\""), "services[0].tags: expected a tag or an array of tags, got \"\"");
        assertError(service("\"tags\": [\"a\", \" \"]"), "services[0].tags[1]: expected a non-blank tag, got \" \"");
    }

    @Test
    void aTtlShorterThanThePollIsAWarning() {
        assertThat(parse(withBackend(
                "\"services\": [{\"name\": \"app\", \"port\": 80, \"poll\": 10, \"ttl\": 5}]")).warnings()).singleElement().asString()
                .isEqualTo("services[0]: ttl 5s is shorter than poll 10s: the registration lapses between heartbeats");
    }

    @Test
    void aCommandWithANulIsAnError() {
        assertError("\"postStop\": \"a\\u0000b\"",
                "postStop: expected a command without NUL characters, got \"a\\u0000b\"");
        assertError("\"preStop\": [\"sh\", \"-c\", \"x\\u0000\"]",
                "preStop: expected a command without NUL characters, got \"sh -c x\\u0000\"");
    }

    @Test
    void aCommandOfControlCharactersIsACommandOrAnError() {
        assertThat(parse(withBackend("\"preStop\": \"\\u0001\"")).preStop()).contains(Command.of("\u0001"));
        assertError("\"preStop\": \"\\u0000\"", "preStop: expected a command without NUL characters, got \"\\u0000\"");
    }

    @Test
    void longValuesAreEchoedShortened() {
        String huge = "x".repeat(1_000_000);
        assertThatThrownBy(() -> parse(withBackend(service("\"poll\": \"" + huge + "\""))))
                .hasMessage("services[0].poll: expected a positive number of seconds, got \"" + "x".repeat(64)
                        + "…(1000000 chars)\"");
        assertThat(Command.of("sh", "-c", huge).toString()).hasSize(64 + "…(1000006 chars)".length());
    }

    @Test
    void theLoadedConfigLineHidesEverySecret() {
        AgentConfig config = new ConfigParser(Set.of("consul"), "host1", new Interfaces(List::of)).parse(ConfigLoader.parseJson("""
                {"consul": {"address": "http://ops:UserInfoPw@127.0.0.1:8500", "token": "ConsulT0ken",
                            "tls": {"keyPassphrase": "KeyPhr4se"}, "Auth": {"scheme": "digest", "password": "Dig3st"},
                            "credentials": ["Cr3d"], "acl_token": 12345678}}"""));

        assertThat(config.toString())
                .doesNotContain("UserInfoPw", "ConsulT0ken", "KeyPhr4se", "Dig3st", "Cr3d", "12345678")
                .contains("address=http://***@127.0.0.1:8500", "token=***", "keyPassphrase=***", "Auth=***");
    }

    private static String service(String field) {
        Map<String, String> fields = new java.util.LinkedHashMap<>(Map.of("\"name\"", "\"app\"", "\"port\"", "80",
                "\"poll\"", "1", "\"ttl\"", "3"));
        String key = field.substring(0, field.indexOf(':'));
        fields.put(key, field.substring(field.indexOf(':') + 1).strip());
        StringBuilder body = new StringBuilder();
        fields.forEach((k, v) -> body.append(body.isEmpty() ? "" : ", ").append(k).append(": ").append(v));
        return "\"services\": [{" + body + "}]";
    }

    @Test
    void templatesAreRenderedBeforeParsing() {
        String rendered = ConfigLoader.render(new ConfigSource.Inline(
                "{\"local\": \"{{ .DIR | default \"/tmp/c\" }}\", \"stopTimeout\": {{ .STOP }}}"), Map.of("STOP", "3"));
        assertThat(rendered).isEqualTo("{\"local\": \"/tmp/c\", \"stopTimeout\": 3}");
        assertThatThrownBy(() -> ConfigLoader.render(new ConfigSource.Inline("{{ .X | nope }}"), Map.of()))
                .hasMessage("config: could not apply template: line 1: function \"nope\" not defined");
    }
}
