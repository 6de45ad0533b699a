package dev.pilot.bench.idle;

import dev.pilot.testservers.TcpProxy;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Supplier;

/**
 * A {@link TcpProxy} in front of a server on 127.0.0.1 that counts the requests a client sends
 * through it: each connection's client-to-server bytes go through a fresh {@link RequestParser},
 * the server's answers pass untouched.
 */
final class CountingProxy implements AutoCloseable {

    /** Recognizes requests in one connection's client-to-server byte stream. */
    interface RequestParser {
        void feed(byte[] buffer, int length, RequestCounts counts);
    }

    private final RequestCounts counts = new RequestCounts();
    private final TcpProxy proxy;

    CountingProxy(int targetPort, Supplier<RequestParser> parsers) throws IOException {
        this.proxy = new TcpProxy("127.0.0.1:" + targetPort, (in, out) -> count(in, out, parsers.get()));
    }

    /** Where clients connect: {@code 127.0.0.1:port}. */
    String address() {
        return proxy.address();
    }

    RequestCounts counts() {
        return counts;
    }

    private void count(InputStream fromClient, OutputStream toServer, RequestParser parser) throws IOException {
        byte[] buffer = new byte[16 * 1024];
        int read;
        while ((read = fromClient.read(buffer)) >= 0) {
            parser.feed(buffer, read, counts);
            toServer.write(buffer, 0, read);
        }
    }

    @Override
    public void close() {
        proxy.close();
    }
}
