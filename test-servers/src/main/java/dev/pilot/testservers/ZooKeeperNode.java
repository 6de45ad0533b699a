package dev.pilot.testservers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One ZooKeeper server as a process of its own ({@code QuorumPeerMain}): its ports, picked once
 * and kept across restarts, its folder with {@code zoo.cfg}, {@code data/} and {@code server.log}.
 * {@link ZooKeeperServer} runs one standalone, {@link ZooKeeperEnsemble} three. The config file
 * (and an ensemble member's {@code myid}) is written at every launch, so a wiped server starts
 * again as itself. Ready once the {@code srvr} four-letter word shows the server's mode. Not
 * thread-safe: its owner synchronizes.
 */
final class ZooKeeperNode extends ServerNode {

    private static final int FOUR_LETTER_TIMEOUT_MILLIS = 1_000;
    /** ZooKeeper's default of 60 connections per client address is low for a benchmark. */
    private static final int MAX_CLIENT_CONNECTIONS = 100;

    private final int id;
    private final Path directory;
    private final Path dataDirectory;
    private final Path configFile;
    private final Path log;
    private final int clientPort = FreePorts.pick();
    private final int quorumPort = FreePorts.pick();
    private final int electionPort = FreePorts.pick();

    /**
     * @param name      what messages call it, e.g. {@code "ZooKeeper server 1"}
     * @param id        its id in an ensemble (1 for a standalone server)
     * @param directory its own folder, created here
     */
    ZooKeeperNode(String name, int id, Path directory) {
        super(name, directory.resolve("data"));
        this.id = id;
        this.directory = ServerFiles.ensureDirectory(directory);
        this.dataDirectory = directory.resolve("data");
        this.configFile = directory.resolve("zoo.cfg");
        this.log = directory.resolve("server.log");
    }

    int clientPort() {
        return clientPort;
    }

    /** {@code 127.0.0.1:<client port>}. */
    @Override
    String clientAddress() {
        return "127.0.0.1:" + clientPort;
    }

    /** This server's line in an ensemble's config: {@code server.<id>=127.0.0.1:<quorum>:<election>}. */
    String ensembleLine() {
        return "server." + id + "=127.0.0.1:" + quorumPort + ":" + electionPort;
    }

    Path directory() {
        return directory;
    }

    /**
     * Writes the config (the launcher's defaults, then {@code config}, then {@code ensembleLines}
     * when not standalone) and starts the process; does not wait.
     */
    void launch(Map<String, String> config, List<String> ensembleLines, ZooKeeperOptions options, String archiveName) {
        ServerFiles.ensureDirectory(dataDirectory);
        Map<String, String> lines = new LinkedHashMap<>();
        lines.put("dataDir", dataDirectory.toString());
        lines.put("clientPort", Integer.toString(clientPort));
        lines.put("clientPortAddress", "127.0.0.1");
        lines.put("maxClientCnxns", Integer.toString(MAX_CLIENT_CONNECTIONS));
        // The admin server would take port 8080; the tests ask srvr for readiness and leadership.
        lines.put("admin.enableServer", "false");
        lines.put("4lw.commands.whitelist", "*");
        // No fsync per write: a test server's data must survive its process (SIGKILL), not the machine.
        lines.put("forceSync", "no");
        lines.putAll(config);
        String text = lines.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n"))
                + "\n" + String.join("\n", ensembleLines) + "\n";
        ServerFiles.write(configFile, text);
        if (!ensembleLines.isEmpty()) {
            ServerFiles.write(dataDirectory.resolve("myid"), id + "\n");
        }
        startProcess(ZooKeeperJvm.command(configFile, options, archiveName), log);
    }

    /** {@code srvr} shows the server's mode: it serves (it answers {@code ruok} earlier). */
    @Override
    boolean serves() {
        return mode().isPresent();
    }

    /** Whether {@code srvr} says this server leads its ensemble. */
    @Override
    boolean isLeader() {
        return mode().filter("leader"::equals).isPresent();
    }

    /**
     * What {@code srvr} says about the server's role: {@code standalone}, {@code leader},
     * {@code follower}; empty while it does not serve or does not answer.
     */
    Optional<String> mode() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", clientPort), FOUR_LETTER_TIMEOUT_MILLIS);
            socket.setSoTimeout(FOUR_LETTER_TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write("srvr".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            return answer.lines()
                    .filter(line -> line.startsWith("Mode: "))
                    .map(line -> line.substring("Mode: ".length()).strip())
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
