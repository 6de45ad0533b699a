package dev.pilot.discovery.grpc;

import dev.pilot.discovery.Upstream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * What a {@code pilot:} target names: {@code pilot:///<service>[?tag=<tag>]}, the upstream a
 * channel resolves.
 */
final class PilotTarget {

    static final String SCHEME = "pilot";
    private static final String FORM = "pilot:///<service>[?tag=<tag>]";

    private PilotTarget() {}

    /**
     * The upstream {@code target} names.
     *
     * @throws IllegalArgumentException naming the target and what was expected
     */
    static Upstream parse(URI target) {
        if (target.getAuthority() != null && !target.getAuthority().isEmpty()) {
            throw invalid(target, "an empty authority (three slashes), got '" + target.getAuthority() + "'");
        }
        String path = target.getPath();
        if (path == null || path.length() < 2 || path.indexOf('/', 1) >= 0) {
            throw invalid(target, "one service name after the slashes");
        }
        String tag = "";
        String query = target.getRawQuery();
        if (query != null && !query.isEmpty()) {
            for (String parameter : query.split("&")) {
                int equals = parameter.indexOf('=');
                String key = equals < 0 ? parameter : parameter.substring(0, equals);
                String value = equals < 0 ? "" : URLDecoder.decode(parameter.substring(equals + 1), StandardCharsets.UTF_8);
                if (!key.equals("tag")) {
                    throw invalid(target, "only the query parameter 'tag', got '" + key + "'");
                }
                if (value.isBlank()) {
                    throw invalid(target, "a non-blank tag");
                }
                tag = value;
            }
        }
        return new Upstream(path.substring(1), tag);
    }

    private static IllegalArgumentException invalid(URI target, String expected) {
        return new IllegalArgumentException("target '" + target + "': expected " + FORM + ", with " + expected);
    }
}
