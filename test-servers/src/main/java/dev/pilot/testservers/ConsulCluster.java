package dev.pilot.testservers;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Consul as it is deployed: three servers and one client agent on 127.0.0.1 (each its own ports
 * and data folder), the client joined to the servers; Pilot talks to the client agent. The leader
 * can be SIGKILLed and started again with its data. Each agent allows 1 024 HTTP connections from
 * one client (Consul's default, 200, is what 200 watches of Pilot's reach). Stops every process on
 * {@link #close}.
 */
public final class ConsulCluster implements AutoCloseable {

    private static final int SERVERS = 3;
    private static final Duration READY = Duration.ofSeconds(60);

    /** One agent's ports and process. */
    private static final class Member {
        final String name;
        final boolean server;
        final int http = FreePorts.pick();
        final int serfLan = FreePorts.pick();
        final int serfWan = FreePorts.pick();
        final int rpc = FreePorts.pick();
        Process process;

        Member(String name, boolean server) {
            this.name = name;
            this.server = server;
        }
    }

    private final Path directory;
    private final List<Member> servers = new ArrayList<>();
    private final Member client = new Member("client", false);

    private ConsulCluster() {
        try {
            directory = Files.createTempDirectory("pilot-consul-cluster");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int i = 0; i < SERVERS; i++) {
            servers.add(new Member("server" + i, true));
        }
    }

    public static ConsulCluster launch() {
        ConsulCluster cluster = new ConsulCluster();
        try {
            cluster.servers.forEach(cluster::start);
            cluster.start(cluster.client);
            if (!eventually(() -> cluster.leaderIndex() >= 0 && cluster.clientSeesLeader())) {
                throw new IllegalStateException("the Consul cluster elected no leader within " + READY.toSeconds() + " s");
            }
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** The client agent's HTTP address, what Pilot is configured with. */
    public String clientAddress() {
        return "127.0.0.1:" + client.http;
    }

    private void start(Member member) {
        List<String> command = new ArrayList<>(List.of(ServerBinaries.consul().toString(), "agent",
                "-node", member.name, "-bind", "127.0.0.1", "-client", "127.0.0.1",
                "-data-dir", directory.resolve(member.name).toString(),
                "-http-port", Integer.toString(member.http), "-dns-port", "-1", "-grpc-port", "-1",
                "-serf-lan-port", Integer.toString(member.serfLan), "-serf-wan-port", Integer.toString(member.serfWan),
                "-server-port", Integer.toString(member.rpc), "-log-level", "warn",
                // Pilot holds one HTTP connection per watch: 200 watches reach Consul's default of 200 a client
                "-hcl", "limits { http_max_conns_per_client = 1024 }"));
        if (member.server) {
            command.addAll(List.of("-server", "-bootstrap-expect", Integer.toString(SERVERS)));
        }
        for (Member other : servers) {
            if (other != member) {
                command.addAll(List.of("-retry-join", "127.0.0.1:" + other.serfLan));
            }
        }
        try {
            member.process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(directory.toFile(), member.name + ".log")))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start consul " + member.name, e);
        }
    }

    /** The index of the leading server, or -1 while there is none. */
    public int leaderIndex() {
        for (Member server : servers) {
            if (server.process == null || !server.process.isAlive()) {
                continue;
            }
            String leader = get(server.http, "/v1/status/leader");
            if (leader != null) {
                for (int i = 0; i < servers.size(); i++) {
                    if (leader.contains(":" + servers.get(i).rpc + "\"")) {
                        return i;
                    }
                }
            }
        }
        return -1;
    }

    private boolean clientSeesLeader() {
        String leader = get(client.http, "/v1/status/leader");
        return leader != null && leader.contains(":");
    }

    /** SIGKILLs the leader once there is one; returns its index. */
    public int killLeader() {
        int[] leader = {-1};
        eventually(() -> (leader[0] = leaderIndex()) >= 0);
        if (leader[0] < 0) {
            throw new IllegalStateException("no Consul leader to kill");
        }
        Process process = servers.get(leader[0]).process;
        process.destroyForcibly();
        process.onExit().join();
        return leader[0];
    }

    /** Starts server {@code index} again with its data. */
    public void startServer(int index) {
        Member server = servers.get(index);
        if (server.process == null || !server.process.isAlive()) {
            start(server);
        }
    }

    private String get(int port, String path) {
        try {
            return ProbeHttp.get(URI.create("http://127.0.0.1:" + port + path));
        } catch (IOException e) { // not answering, or not 200
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Whether {@code condition} holds within {@link #READY}, checked every 100 ms. */
    private static boolean eventually(java.util.concurrent.Callable<Boolean> condition) {
        try {
            await().atMost(READY).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100)).until(condition);
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    @Override
    public void close() {
        List<Member> all = new ArrayList<>(servers);
        all.add(client);
        for (Member member : all) {
            if (member.process != null) {
                member.process.destroyForcibly();
                member.process.onExit().join();
            }
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind
        }
    }
}
