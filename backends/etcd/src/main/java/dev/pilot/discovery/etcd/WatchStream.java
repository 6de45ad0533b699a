package dev.pilot.discovery.etcd;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One open etcd watch: the chunked answer of {@code POST /v3/watch}, one JSON line per
 * {@code WatchResponse}, read on the caller's thread. {@link #close} from any thread ends a
 * blocked {@link #next}.
 */
final class WatchStream implements AutoCloseable {

    /** A change to one key. */
    record Event(boolean deleted, EtcdApi.KeyValue kv) {}

    /**
     * One answer of the watch.
     *
     * @param revision        the store's revision when the answer was sent
     * @param events          the changes it carries, oldest first
     * @param cancelled       etcd ended the watch (compaction, lost leader, refused token)
     * @param compactRevision when cancelled by compaction, the oldest revision still kept; else 0
     * @param reason          why it was cancelled, for logs
     */
    record Answer(long revision, List<Event> events, boolean cancelled, long compactRevision, String reason) {}

    private final String address;
    private final String what;
    private final InputStream body;
    private final BufferedReader lines;

    WatchStream(String address, String what, InputStream body) {
        this.address = address;
        this.what = what;
        this.body = body;
        this.lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
    }

    /**
     * Blocks for the next answer.
     *
     * @return the answer, or null when the server ended the stream
     * @throws IOException when the connection failed or the stream was closed
     */
    Answer next() throws IOException {
        String line;
        do {
            line = lines.readLine();
            if (line == null) {
                return null;
            }
        } while (line.isBlank());
        JsonNode answer = Json.parse(line.getBytes(StandardCharsets.UTF_8));
        EtcdRefusal refusal = EtcdRefusal.from(address, what, answer);
        if (refusal != null) {
            return new Answer(0, List.of(), true, 0, refusal.getMessage());
        }
        JsonNode result = answer.path("result");
        long revision = Json.int64(result.get("header"), "revision");
        List<Event> events = new ArrayList<>();
        for (JsonNode event : result.path("events")) {
            events.add(new Event("DELETE".equals(event.path("type").asText()), EtcdApi.keyValue(event.path("kv"))));
        }
        boolean cancelled = result.path("canceled").asBoolean(false);
        return new Answer(revision, List.copyOf(events), cancelled, Json.int64(result, "compact_revision"),
                result.path("cancel_reason").asText(""));
    }

    /** Ends the stream; a thread blocked in {@link #next} gets an {@link IOException}. */
    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException ignored) {
            // closing is all we wanted
        }
    }
}
