package dev.pilot.discovery;

/**
 * The catalog could not be reached, or refused a request. Carries the backend name and the
 * server address it talked to; never a credential.
 */
public class DiscoveryException extends RuntimeException {

    private final String backend;
    private final String address;

    public DiscoveryException(String backend, String address, String message, Throwable cause) {
        super(backend + " at " + address + ": " + message + causeSuffix(message, cause), cause);
        this.backend = backend;
        this.address = address;
    }

    public DiscoveryException(String backend, String address, String message) {
        this(backend, address, message, null);
    }

    /**
     * {@code failure} itself when it is a {@code DiscoveryException}, else one that names the
     * backend, the address and {@code what} failed, with {@code failure} as its cause.
     */
    public static DiscoveryException of(String backend, String address, String what, Throwable failure) {
        return failure instanceof DiscoveryException known ? known
                : new DiscoveryException(backend, address, what + " failed", failure);
    }

    /** The backend's name, e.g. {@code etcd}. */
    public String backend() {
        return backend;
    }

    /** The server address the backend talked to, e.g. {@code 127.0.0.1:8500}. */
    public String address() {
        return address;
    }

    private static String causeSuffix(String message, Throwable cause) {
        if (cause == null) {
            return "";
        }
        String detail = cause.getMessage() == null ? cause.getClass().getSimpleName()
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        return message.contains(detail) ? "" : " (" + detail + ")";
    }
}
