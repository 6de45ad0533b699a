package dev.pilot.agent.logging;

import dev.pilot.agent.config.LoggingConfig;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * Points all of the process's logging at one {@link AgentLogHandler} and applies the config's
 * {@code logging} block; {@link #apply} again on reload. Chatty client libraries (ZooKeeper,
 * Curator, Netty, gRPC) only speak at WARN and above unless the level is DEBUG.
 */
public final class Logging {

    /** Held here because java.util.logging keeps loggers only weakly, with the levels set on them. */
    private static final List<Logger> CHATTY = List.of("org.apache.zookeeper", "org.apache.curator", "io.netty",
            "io.grpc", "io.etcd", "io.vertx").stream().map(Logger::getLogger).toList();
    /**
     * The JDK logs every process start and exit at DEBUG with a stack trace, and every certificate
     * of its trust store ({@code jdk.event.security}, ~140 lines whenever an HTTP client loads the
     * default SSLContext): never useful here.
     */
    private static final List<Logger> JDK_TRACES = List.of("java.lang.ProcessBuilder", "java.lang.Runtime",
            "jdk.event.security").stream().map(Logger::getLogger).toList();
    private static AgentLogHandler handler;

    private Logging() {}

    /** Installs the handler with {@code config}, or changes it. */
    public static synchronized void apply(LoggingConfig config) {
        Logger root = LogManager.getLogManager().getLogger("");
        if (handler == null) {
            for (Handler existing : root.getHandlers()) {
                root.removeHandler(existing);
            }
            handler = new AgentLogHandler(config);
            root.addHandler(handler);
        } else {
            handler.reconfigure(config);
        }
        Level level = julLevel(config.level());
        root.setLevel(level);
        handler.setLevel(level);
        JDK_TRACES.forEach(logger -> logger.setLevel(Level.INFO));
        for (Logger chatty : CHATTY) {
            chatty.setLevel(config.level() == LoggingConfig.Level.DEBUG ? Level.FINE
                    : level.intValue() > Level.WARNING.intValue() ? level : Level.WARNING);
        }
    }

    static Level julLevel(LoggingConfig.Level level) {
        return switch (level) {
            case DEBUG -> Level.FINE;
            case INFO -> Level.INFO;
            case WARN -> Level.WARNING;
            case ERROR -> Level.SEVERE;
        };
    }

    public static synchronized void flush() {
        if (handler != null) {
            handler.flush();
        }
    }
}
