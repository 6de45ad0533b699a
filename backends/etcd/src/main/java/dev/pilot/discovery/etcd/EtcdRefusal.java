package dev.pilot.discovery.etcd;

import static dev.pilot.discovery.support.JsonValues.object;
import static dev.pilot.discovery.support.JsonValues.text;

import dev.pilot.discovery.DiscoveryException;
import dev.pilot.discovery.support.JsonValues;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * etcd answered a request with an error: the gRPC status its JSON gateway returns as
 * {@code {"error": "etcdserver: …", "code": 5}}. The predicates name the refusals the backend
 * reacts to; every other refusal is reported to the caller.
 */
final class EtcdRefusal extends DiscoveryException {

    // gRPC status codes (google.golang.org/grpc/codes) that etcd uses.
    static final int INVALID_ARGUMENT = 3;
    static final int NOT_FOUND = 5;
    static final int PERMISSION_DENIED = 7;
    static final int FAILED_PRECONDITION = 9;
    static final int OUT_OF_RANGE = 11;
    static final int UNAVAILABLE = 14;
    static final int UNAUTHENTICATED = 16;

    private final int code;
    private final String serverMessage;

    EtcdRefusal(String address, String what, int code, String serverMessage) {
        super(EtcdBackendProvider.NAME, address, what + " refused: " + serverMessage + advice(code, serverMessage));
        this.code = code;
        this.serverMessage = serverMessage;
    }

    /** Reads a refusal from an error body; null when the body is not one. */
    static EtcdRefusal from(String address, String what, byte[] body) {
        try {
            return from(address, what, object(JsonValues.parse(body)));
        } catch (IOException | RuntimeException notJson) {
            return null;
        }
    }

    /** Reads a refusal from a response's body, whole ({@code byte[]}) or a stream's first 64 KB; null when it is none. */
    static EtcdRefusal from(String address, String what, HttpResponse<?> response) {
        Object body = response.body();
        if (body instanceof byte[] bytes) {
            return from(address, what, bytes);
        }
        if (body instanceof InputStream in) {
            try (in) {
                return from(address, what, in.readNBytes(64 * 1024));
            } catch (IOException e) {
                return null;
            }
        }
        return null;
    }

    /**
     * Reads a refusal from an answer: a unary error {@code {"error": "…", "code": 5}}, or the
     * error line of a stream {@code {"error": {"grpc_code": 14, "message": "…"}}}. Null when the
     * answer is not an error.
     */
    static EtcdRefusal from(String address, String what, Map<String, Object> answer) {
        Object error = answer.get("error");
        if (error == null) {
            return null;
        }
        if (error instanceof Map<?, ?> fields) {
            return new EtcdRefusal(address, what, code(fields.get("grpc_code")), text(fields.get("message")));
        }
        return new EtcdRefusal(address, what, code(answer.get("code")), text(error));
    }

    /** A gRPC status code as the gateway writes it (a number); 0 when it is not one. */
    private static int code(Object value) {
        return value instanceof Number number ? number.intValue() : 0;
    }

    /** The gRPC status code. */
    int code() {
        return code;
    }

    /** etcd's own message, e.g. {@code etcdserver: requested lease not found}. */
    String serverMessage() {
        return serverMessage;
    }

    /** The lease named in the request no longer exists (expired, revoked, or the data was wiped). */
    boolean leaseNotFound() {
        return code == NOT_FOUND && serverMessage.contains("lease not found");
    }

    /**
     * The auth token expired or is unknown to this member, or the server wants one and got none:
     * authenticate (again) and retry.
     */
    boolean tokenInvalid() {
        return code == UNAUTHENTICATED || serverMessage.contains("invalid auth token")
                || serverMessage.contains("user name is empty");
    }

    /** This member cannot serve now (no leader, leader changed, timed out): another member may. */
    boolean unavailable() {
        return code == UNAVAILABLE;
    }

    /** The server has authentication switched off. */
    boolean authNotEnabled() {
        return code == FAILED_PRECONDITION && serverMessage.contains("authentication is not enabled");
    }

    private static String advice(int code, String message) {
        if (message.contains("user name is empty")) {
            return " (the server requires authentication: set etcd.user and etcd.password)";
        }
        if (message.contains("authentication failed")) {
            return " (check etcd.user and etcd.password)";
        }
        if (code == PERMISSION_DENIED) {
            return " (the user's roles need readwrite permission on the key prefix)";
        }
        return "";
    }
}
