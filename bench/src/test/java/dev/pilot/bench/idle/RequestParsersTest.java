package dev.pilot.bench.idle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestParsersTest {

    @Test
    void httpRequestsAreCountedByRequestLineEvenWhenSplitAcrossReads() {
        String stream = "PUT /v1/agent/check/pass/service:web-1 HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nbody"
                + "GET /v1/health/service/db?passing=true&index=42&wait=300s HTTP/1.1\r\nHost: x\r\n\r\n"
                + "GET /v1/health/service/db?passing=true HTTP/1.1\r\n\r\n"
                + "GET /v1/status/leader HTTP/1.1\r\n\r\n";
        assertThat(feedInPieces(new HttpRequestParser(), stream.getBytes(StandardCharsets.ISO_8859_1), 7))
                .isEqualTo(Map.of("heartbeat", 1L, "watch", 1L, "read", 1L, "other", 1L));
    }

    @Test
    void zooKeeperFramesAreCountedByOperationAfterTheHandshake() {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        frame(stream, new byte[40]);                    // the session handshake: no request header
        request(stream, 1, 12, new byte[20]);           // getChildren2
        request(stream, 2, 5, new byte[100]);           // setData
        request(stream, -2, 11, new byte[0]);           // ping
        request(stream, 3, 105, new byte[30]);          // setWatches2
        assertThat(feedInPieces(new ZooKeeperRequestParser(), stream.toByteArray(), 5))
                .isEqualTo(Map.of("session", 1L, "read", 1L, "heartbeat", 1L, "ping", 1L, "watch", 1L));
    }

    private static Map<String, Long> feedInPieces(CountingProxy.RequestParser parser, byte[] bytes, int piece) {
        RequestCounts counts = new RequestCounts();
        for (int offset = 0; offset < bytes.length; offset += piece) {
            byte[] chunk = java.util.Arrays.copyOfRange(bytes, offset, Math.min(bytes.length, offset + piece));
            parser.feed(chunk, chunk.length, counts);
        }
        return counts.snapshot();
    }

    private static void request(ByteArrayOutputStream out, int xid, int type, byte[] body) {
        frame(out, ByteBuffer.allocate(8 + body.length).putInt(xid).putInt(type).put(body).array());
    }

    private static void frame(ByteArrayOutputStream out, byte[] payload) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(payload.length).array());
        out.writeBytes(payload);
    }
}
