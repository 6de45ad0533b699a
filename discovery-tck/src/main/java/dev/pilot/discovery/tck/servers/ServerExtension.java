package dev.pilot.discovery.tck.servers;

import dev.pilot.testservers.TestServer;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts a real server once for a test class and stops it after the class, also when a test
 * failed: the {@code @BeforeAll}/{@code @AfterAll} pair every server test would otherwise write.
 * <pre>{@code
 * @RegisterExtension
 * static final ServerExtension<ConsulServer> CONSUL = ServerExtension.of(ConsulServer::launch);
 * ...
 * CONSUL.server().address()
 * }</pre>
 * {@code @Nested} classes share the enclosing class's server. Thread-safe.
 *
 * @param <S> the launcher's server type
 */
public final class ServerExtension<S extends TestServer> implements BeforeAllCallback, AfterAllCallback {

    private final Callable<S> launcher;
    private S server;
    private Class<?> owner;

    private ServerExtension(Callable<S> launcher) {
        this.launcher = launcher;
    }

    /** An extension that starts its server with {@code launcher} (a launcher's {@code launch} factory). */
    public static <S extends TestServer> ServerExtension<S> of(Callable<S> launcher) {
        return new ServerExtension<>(launcher);
    }

    /**
     * The running server.
     *
     * @throws IllegalStateException outside the test class's lifetime
     */
    public synchronized S server() {
        if (server == null) {
            throw new IllegalStateException("the server runs only while its test class does");
        }
        return server;
    }

    @Override
    public synchronized void beforeAll(ExtensionContext context) throws Exception {
        if (server == null) {
            server = launcher.call();
            owner = context.getRequiredTestClass();
        }
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (server != null && context.getRequiredTestClass() == owner) {
            try {
                server.close();
            } finally {
                server = null;
                owner = null;
            }
        }
    }
}
