package dev.pilot.discovery.etcd;

import static dev.pilot.discovery.support.JsonValues.array;
import static dev.pilot.discovery.support.JsonValues.object;
import static dev.pilot.discovery.support.JsonValues.text;

import dev.pilot.discovery.support.JsonValues;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
        Map<String, Object> answer = object(JsonValues.parse(line));
        EtcdRefusal refusal = EtcdRefusal.from(address, what, answer);
        if (refusal != null) {
            return new Answer(0, List.of(), true, 0, refusal.getMessage());
        }
        Map<String, Object> result = object(answer.get("result"));
        long revision = Json.int64(result.get("header"), "revision");
        List<Event> events = new ArrayList<>();
        for (Object item : array(result.get("events"))) {
            Map<String, Object> event = object(item);
            events.add(new Event("DELETE".equals(event.get("type")), EtcdApi.keyValue(event.get("kv"))));
        }
        boolean cancelled = Boolean.TRUE.equals(result.get("canceled"));
        return new Answer(revision, List.copyOf(events), cancelled, Json.int64(result, "compact_revision"),
                text(result.get("cancel_reason")));
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
