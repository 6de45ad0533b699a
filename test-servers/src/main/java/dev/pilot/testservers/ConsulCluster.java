package dev.pilot.testservers;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Consul as it is deployed: three servers and one client agent on 127.0.0.1 (each its own ports
 * and data folder), the client joined to the servers; Pilot talks to the client agent. The leader
 * can be SIGKILLed and started again with its data. Each agent allows 1 024 HTTP connections from
 * one client (Consul's default, 200, is what 200 watches of Pilot's reach). Ready once every agent
 * names a leader. Servers are numbered 0 to 2; {@link #address()} is the client agent's. Stopping
 * the cluster sends SIGTERM to every agent and SIGKILLs those still running after 1 s.
 *
 * <p>A missing binary skips the test, or fails it under {@code CI=true}: see {@link ServerBinaries}.
 * Thread-safe.
 */
public final class ConsulCluster extends ServerLauncher<ConsulCluster.Agent> {

    private static final int SERVERS = 3;
    private static final Duration READY = Duration.ofSeconds(60);
    private static final Duration STOP_DEADLINE = Duration.ofSeconds(1);

    /** One agent: a server or the client. */
    static final class Agent extends ServerNode {

        private final String name;
        private final boolean server;
        private final Path directory;
        private final int http = FreePorts.pick();
        private final int serfLan = FreePorts.pick();
        private final int serfWan = FreePorts.pick();
        private final int rpc = FreePorts.pick();

        Agent(String name, boolean server, Path directory) {
            super("Consul " + name, directory.resolve(name));
            this.name = name;
            this.server = server;
            this.directory = directory;
        }

        @Override
        String clientAddress() {
            return "127.0.0.1:" + http;
        }

        /** {@code GET /v1/status/leader} names a leader: the servers elected one, and the client joined them. */
        @Override
        boolean serves() throws Exception {
            return leaderSeen().contains(":");
        }

        /** A server whose own {@code /v1/status/leader} names its own RPC port. */
        @Override
        boolean isLeader() {
            try {
                return server && leaderSeen().contains(":" + rpc + "\"");
            } catch (Exception e) { // not answering, or not 200
                return false;
            }
        }

        private String leaderSeen() throws Exception {
            return ProbeHttp.get(URI.create("http://" + clientAddress() + "/v1/status/leader"));
        }

        void launch(List<Agent> servers, Path binary) {
            List<String> command = new ArrayList<>(List.of(binary.toString(), "agent",
                    "-node", name, "-bind", "127.0.0.1", "-client", "127.0.0.1",
                    "-data-dir", directory.resolve(name).toString(),
                    "-http-port", Integer.toString(http), "-dns-port", "-1", "-grpc-port", "-1",
                    "-serf-lan-port", Integer.toString(serfLan), "-serf-wan-port", Integer.toString(serfWan),
                    "-server-port", Integer.toString(rpc), "-log-level", "warn",
                    // Pilot holds one HTTP connection per watch: 200 watches reach Consul's default of 200 a client
                    "-hcl", "limits { http_max_conns_per_client = 1024 }"));
            if (server) {
                command.addAll(List.of("-server", "-bootstrap-expect", Integer.toString(SERVERS)));
            }
            for (Agent other : servers) {
                if (other != this) {
                    command.addAll(List.of("-retry-join", "127.0.0.1:" + other.serfLan));
                }
            }
            startProcess(command, directory.resolve(name + ".log"));
        }
    }

    private final ServerGroup<Agent> agents;

    private ConsulCluster(Path binary) {
        Path directory = ServerFiles.createDirectory("consul-cluster");
        List<Agent> servers = IntStream.range(0, SERVERS).mapToObj(i -> new Agent("server" + i, true, directory)).toList();
        Agent client = new Agent("client", false, directory);
        // The servers first, so that their numbers are their indexes; the client last.
        this.agents = new ServerGroup<>("the Consul cluster", directory, Stream.concat(servers.stream(), Stream.of(client)).toList(),
                agent -> agent.launch(servers, binary), READY, STOP_DEADLINE);
    }

    /** Starts three servers and a client agent; returns once the servers elected a leader and every agent knows it. */
    public static ConsulCluster launch() {
        return TestServer.started(new ConsulCluster(ServerBinaries.consul()));
    }

    /** The client agent's HTTP address, what Pilot is configured with. */
    public String clientAddress() {
        return agents.node(SERVERS).clientAddress();
    }

    /** The client agent's HTTP address, as {@link #clientAddress()}. */
    @Override
    public String address() {
        return clientAddress();
    }

    /** The index of the leading server, or -1 while there is none. */
    public synchronized int leaderIndex() {
        return agents.currentLeader();
    }

    /** SIGKILLs the leader, waiting up to 60 s for one, as a crash; returns its index. */
    public synchronized int killLeader() {
        return agents.killLeader(READY);
    }

    /** Starts server {@code index} again with its data; returns at once, before it rejoined. */
    public synchronized void startServer(int index) {
        agents.launchNode(Objects.checkIndex(index, SERVERS));
    }

    @Override
    ServerGroup<Agent> servers() {
        return agents;
    }
}
