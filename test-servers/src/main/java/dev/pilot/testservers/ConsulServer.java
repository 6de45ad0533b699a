package dev.pilot.testservers;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real Consul agent in dev mode ({@code consul agent -dev}) on 127.0.0.1, every port picked
 * free, DNS and gRPC off. Ready once {@code GET /v1/status/leader} names a leader.
 *
 * <p><b>Data lives in memory</b> in dev mode: any restart comes back empty, so
 * {@code restart(false)} loses the catalog like {@code restart(true)}, and {@link #wipeData()}
 * has nothing to delete. The ports stay the same across restarts. {@code stop()} sends SIGTERM
 * and SIGKILLs after 5 s.
 *
 * <p>Start it once per test class and close it after:
 * <pre>{@code
 * static ConsulServer consul;
 * @BeforeAll static void startConsul() { consul = ConsulServer.launch(); }
 * @AfterAll static void stopConsul() { consul.close(); }
 * }</pre>
 * A missing binary skips the test, or fails it under {@code CI=true}: see {@link ServerBinaries}.
 * Thread-safe.
 */
public final class ConsulServer extends SingleServerLauncher<ConsulServer.DevAgent> {

    private static final Duration READY_DEADLINE = Duration.ofSeconds(30);
    private static final Duration STOP_DEADLINE = Duration.ofSeconds(5);

    private final Path binary;
    private final ConsulOptions options;
    private final Path directory;
    private final int httpPort;
    private final int httpsPort;
    private final HttpClient probeClient;
    private final ServerGroup<DevAgent> group;

    /** The agent's process; its data lives in memory, so there is nothing to wipe. */
    final class DevAgent extends ServerNode {

        private final List<String> command = command();

        DevAgent() {
            super("Consul", directory.resolve("data"));
        }

        @Override
        String clientAddress() {
            return address();
        }

        /** {@code GET /v1/status/leader} names a leader. */
        @Override
        boolean serves() throws Exception {
            URI leader = uri().resolve("/v1/status/leader");
            String body = probeClient == null ? ProbeHttp.get(leader) : ProbeHttp.get(probeClient, leader);
            return !body.isBlank() && !body.strip().equals("\"\"");
        }

        void launch() {
            startProcess(command, directory.resolve("consul.log"));
        }
    }

    private ConsulServer(Path binary, ConsulOptions options) {
        this.binary = binary;
        this.options = options;
        this.directory = ServerFiles.createDirectory("consul");
        this.httpPort = options.http() ? FreePorts.pick() : -1;
        this.httpsPort = options.https() ? FreePorts.pick() : -1;
        this.probeClient = options.http() ? null : ProbeHttp.client(options.sslContext());
        this.group = new ServerGroup<>("Consul", directory, List.of(new DevAgent()), DevAgent::launch, READY_DEADLINE,
                STOP_DEADLINE);
    }

    /** Starts a plain dev agent and returns once it is ready. */
    public static ConsulServer launch() {
        return launch(ConsulOptions.defaults());
    }

    /** Starts a dev agent with {@code options} and returns once it is ready. */
    public static ConsulServer launch(ConsulOptions options) {
        return TestServer.started(new ConsulServer(ServerBinaries.consul(), options));
    }

    /** {@code 127.0.0.1:port} of the plain HTTP listener, or of the HTTPS one when HTTP is off. */
    @Override
    public String address() {
        return "127.0.0.1:" + (httpPort > 0 ? httpPort : httpsPort);
    }

    /** The base URI a client uses: {@code http://127.0.0.1:port}, or {@code https://…} when HTTP is off. */
    public URI uri() {
        return URI.create((httpPort > 0 ? "http://" : "https://") + address());
    }

    /** The plain HTTP port, or -1 when the agent serves no plain HTTP. */
    public int httpPort() {
        return httpPort;
    }

    /** The HTTPS port, or -1 when the agent serves no HTTPS. */
    public int httpsPort() {
        return httpsPort;
    }

    /** The agent's own folder: its log {@code consul.log} and extra configuration live here. */
    public Path directory() {
        return directory;
    }

    private List<String> command() {
        List<String> args = new ArrayList<>(List.of(binary.toString(), "agent", "-dev",
                "-node", "pilot-test",
                "-bind", "127.0.0.1",
                "-client", "127.0.0.1",
                "-http-port", Integer.toString(httpPort),
                "-dns-port", "-1",
                "-grpc-port", "-1",
                "-serf-lan-port", Integer.toString(FreePorts.pick()),
                "-serf-wan-port", Integer.toString(FreePorts.pick()),
                "-server-port", Integer.toString(FreePorts.pick())));
        if (httpsPort > 0) {
            args.addAll(List.of("-https-port", Integer.toString(httpsPort)));
        }
        if (!options.extraConfig().isBlank()) {
            Path config = ServerFiles.write(directory.resolve("extra.hcl"), options.extraConfig());
            args.addAll(List.of("-config-file", config.toString()));
        }
        args.addAll(options.extraArgs());
        return List.copyOf(args);
    }

    @Override
    ServerGroup<DevAgent> servers() {
        return group;
    }
}
