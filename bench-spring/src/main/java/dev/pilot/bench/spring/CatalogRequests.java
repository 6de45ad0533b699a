package dev.pilot.bench.spring;

import dev.pilot.testservers.TcpProxy;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the requests a client application sends to its catalog: a {@link TcpProxy} on
 * 127.0.0.1 in front of the catalog, the client pointed at it, and each connection's
 * client-to-server bytes read as they pass. HTTP/1.1 (Consul, etcd's JSON gateway): request lines
 * ({@code GET /v1/health/service/target HTTP/1.1}); ZooKeeper: length-prefixed frames after the
 * session handshake, pings left out. What it costs the catalog to keep a client fresh.
 */
final class CatalogRequests implements AutoCloseable {

    /** How the client talks to its catalog. */
    enum Protocol { HTTP, ZOOKEEPER }

    private static final int PING_XID = -2;

    private final TcpProxy proxy;
    private final AtomicLong requests = new AtomicLong();

    CatalogRequests(String catalogAddress, Protocol protocol) {
        try {
            this.proxy = new TcpProxy(catalogAddress, protocol == Protocol.HTTP ? this::copyHttp : this::copyZooKeeper);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the counting proxy in front of " + catalogAddress, e);
        }
    }

    /** Where the client connects instead of the catalog: {@code 127.0.0.1:port}. */
    String address() {
        return proxy.address();
    }

    /** Requests counted so far. */
    long requests() {
        return requests.get();
    }

    /** Copies byte for byte, counting each line that ends in {@code HTTP/1.1} (a request line). */
    private void copyHttp(InputStream fromClient, OutputStream toServer) throws IOException {
        byte[] buffer = new byte[16 * 1024];
        byte[] tail = new byte[10]; // the last bytes of the current line: " HTTP/1.1\r" before '\n'
        int tailFill = 0;
        int read;
        while ((read = fromClient.read(buffer)) >= 0) {
            toServer.write(buffer, 0, read);
            toServer.flush();
            for (int i = 0; i < read; i++) {
                byte b = buffer[i];
                if (b == '\n') {
                    if (tailFill == tail.length && new String(tail, java.nio.charset.StandardCharsets.ISO_8859_1).equals(" HTTP/1.1\r")) {
                        requests.incrementAndGet();
                    }
                    tailFill = 0;
                } else if (tailFill < tail.length) {
                    tail[tailFill++] = b;
                } else {
                    System.arraycopy(tail, 1, tail, 0, tail.length - 1);
                    tail[tail.length - 1] = b;
                }
            }
        }
    }

    /** Copies byte for byte, counting ZooKeeper frames after the handshake that are not pings. */
    private void copyZooKeeper(InputStream fromClient, OutputStream toServer) throws IOException {
        byte[] buffer = new byte[16 * 1024];
        byte[] header = new byte[8]; // length, xid
        int headerFill = 0;
        long bodyLeft = 0;
        boolean handshake = true;
        int read;
        while ((read = fromClient.read(buffer)) >= 0) {
            toServer.write(buffer, 0, read);
            toServer.flush();
            int i = 0;
            while (i < read) {
                if (bodyLeft > 0) {
                    int skip = (int) Math.min(bodyLeft, read - i);
                    bodyLeft -= skip;
                    i += skip;
                    continue;
                }
                header[headerFill++] = buffer[i++];
                if (handshake && headerFill == 4) {
                    handshake = false;
                    bodyLeft = readInt(header, 0);
                    headerFill = 0;
                } else if (headerFill == 8) {
                    if (readInt(header, 4) != PING_XID) {
                        requests.incrementAndGet();
                    }
                    bodyLeft = readInt(header, 0) - 4L;
                    headerFill = 0;
                }
            }
        }
    }

    private static int readInt(byte[] bytes, int offset) {
        return (bytes[offset] & 0xff) << 24 | (bytes[offset + 1] & 0xff) << 16 | (bytes[offset + 2] & 0xff) << 8
                | bytes[offset + 3] & 0xff;
    }

    @Override
    public void close() {
        proxy.close();
    }
}
