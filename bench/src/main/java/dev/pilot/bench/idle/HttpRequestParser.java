package dev.pilot.bench.idle;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts HTTP/1.1 requests in a client's byte stream: reads each request's head line by line,
 * counts its request line ({@code PUT /v1/agent/check/pass/… HTTP/1.1}), then skips its body by
 * {@code Content-Length} (the JDK client sends every body with a length). Requests are classed by
 * what a Consul client does with them: heartbeats (check updates, registrations), watches
 * (blocking health or catalog reads), reads (the same without an index) and the rest.
 */
final class HttpRequestParser implements CountingProxy.RequestParser {

    private static final Pattern REQUEST_LINE = Pattern.compile("^(GET|PUT|POST|DELETE|HEAD) (\\S+) HTTP/1\\.[01]$");
    private static final int MAX_LINE = 8 * 1024;

    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private boolean inHead;
    private long contentLength;
    private long bodyLeft;

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
            byte b = buffer[i++];
            if (b != '\n') {
                if (line.size() < MAX_LINE) {
                    line.write(b);
                }
                continue;
            }
            String text = line.toString(StandardCharsets.ISO_8859_1).stripTrailing();
            line.reset();
            if (!inHead) {
                Matcher matcher = REQUEST_LINE.matcher(text);
                if (matcher.matches()) {
                    counts.add(kind(matcher.group(2)));
                    inHead = true;
                    contentLength = 0;
                }
            } else if (text.isEmpty()) {
                inHead = false;
                bodyLeft = contentLength;
            } else if (text.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                contentLength = Long.parseLong(text.substring("content-length:".length()).trim());
            }
        }
    }

    static String kind(String path) {
        if (path.startsWith("/v1/agent/check/") || path.startsWith("/v1/agent/service/")) {
            return RequestCounts.HEARTBEAT;
        }
        if (path.startsWith("/v1/health/") || path.startsWith("/v1/catalog/")) {
            return path.contains("index=") ? RequestCounts.WATCH : RequestCounts.READ;
        }
        return RequestCounts.OTHER;
    }
}
