package dev.pilot.testservers;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** Assertions about TCP connections to a launcher's address. */
final class Connections {

    private Connections() {}

    /** Asserts that every {@code host:port} in a comma-separated {@code addresses} refuses a TCP connection. */
    static void assertRefused(String addresses) {
        for (String address : addresses.split(",")) {
            assertThatThrownBy(() -> connect(address))
                    .as("a TCP connection to %s", address)
                    .isInstanceOf(ConnectException.class);
        }
    }

    private static void connect(String address) throws IOException {
        int colon = address.lastIndexOf(':');
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1))), 1_000);
        }
    }
}
