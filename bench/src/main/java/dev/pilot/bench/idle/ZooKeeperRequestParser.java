package dev.pilot.bench.idle;

/**
 * Counts ZooKeeper requests in the client's byte stream: length-prefixed frames, the first of a
 * connection being the session handshake, each later one starting with {@code xid} and the
 * operation code, classed as heartbeat (writes), read, watch (watch management), ping.
 */
final class ZooKeeperRequestParser implements CountingProxy.RequestParser {

    private final byte[] header = new byte[12]; // length, xid, type
    private int headerFill;
    private long bodyLeft;
    private boolean handshakeDone;

    @Override
    public void feed(byte[] buffer, int length, RequestCounts counts) {
        int i = 0;
        while (i < length) {
            if (bodyLeft > 0) {
                int skip = (int) Math.min(bodyLeft, length - i);
                bodyLeft -= skip;
                i += skip;
                continue;
            }
            header[headerFill++] = buffer[i++];
            if (headerFill == 4 && !handshakeDone) {
                handshakeDone = true;
                counts.add("session");
                bodyLeft = readInt(0);
                headerFill = 0;
            } else if (headerFill == 12) {
                counts.add(kind(readInt(8)));
                bodyLeft = readInt(0) - 8L;
                headerFill = 0;
            }
        }
    }

    private int readInt(int offset) {
        return (header[offset] & 0xff) << 24 | (header[offset + 1] & 0xff) << 16 | (header[offset + 2] & 0xff) << 8
                | header[offset + 3] & 0xff;
    }

    static String kind(int opCode) {
        return switch (opCode) {
            case 11 -> RequestCounts.PING;
            case 1, 2, 5, 7, 13, 14, 15, 19, 20, 21 -> RequestCounts.HEARTBEAT; // create, delete, setData, …, createTTL
            case 3, 4, 6, 8, 12, 22, 103, 104 -> RequestCounts.READ;           // exists, getData, getChildren, …
            case 17, 18, 101, 105, 106 -> RequestCounts.WATCH;                   // checkWatches, setWatches, addWatch, …
            default -> RequestCounts.OTHER;
        };
    }
}
