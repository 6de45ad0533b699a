package dev.pilot.discovery.tck.mutation;

import dev.pilot.testservers.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * What the server-aware mutants know of the server: whether it is reachable, and a request
 * without any timeout. An address {@code host:port} is a TCP server; anything else is the
 * local backend's catalog directory.
 */
final class ServerProbe {

    private static final int CONNECT_TIMEOUT_MILLIS = 200;

    private ServerProbe() {}

    /** Whether {@code server} accepts a connection now (a directory: whether it exists). */
    static BooleanSupplier reachable(TestServer server) {
        String address = server.address();
        int colon = address.lastIndexOf(':');
        if (colon < 0 || !address.substring(colon + 1).chars().allMatch(Character::isDigit)) {
            return () -> Files.isDirectory(Path.of(address));
        }
        InetSocketAddress target = new InetSocketAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)));
        return () -> {
            try (Socket socket = new Socket()) {
                socket.connect(target, CONNECT_TIMEOUT_MILLIS);
                return true;
            } catch (IOException e) {
                return false;
            }
        };
    }

    /**
     * Sends an HTTP request to {@code address} and waits for the first byte of the answer with
     * no timeout at all, as a client without a read timeout does. Returns when the server
     * answers, closes, or refuses; hangs while it stays silent.
     */
    static void requestWithoutTimeout(String address) {
        int colon = address.lastIndexOf(':');
        try (Socket socket = new Socket(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)))) {
            OutputStream out = socket.getOutputStream();
            out.write("GET /health HTTP/1.0\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            in.read();
        } catch (IOException | RuntimeException e) {
            // refused or reset: the real client then fails in time by itself
        }
    }
}
