package dev.pilot.agent.logging;

import dev.pilot.agent.config.LoggingConfig;
import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.slf4j.MDC;

/**
 * The one {@code java.util.logging} handler of the agent: every record (the agent's, the backends'
 * through SLF4J, the SPI's through {@code System.Logger}) is written as one line to stdout or
 * stderr in the configured format, with the SLF4J MDC as fields. Thread-safe.
 */
final class AgentLogHandler extends Handler {

    private volatile LoggingConfig config;

    AgentLogHandler(LoggingConfig config) {
        this.config = config;
    }

    void reconfigure(LoggingConfig config) {
        this.config = config;
    }

    @Override
    public void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        LoggingConfig current = config;
        Map<String, String> mdc = MDC.getCopyOfContextMap();
        Map<String, String> fields = mdc == null ? Map.of() : new TreeMap<>(mdc);
        String line = LogLineFormat.format(current.format(), record.getInstant(), levelName(record.getLevel()),
                message(record), fields);
        PrintStream out = current.output() == LoggingConfig.Output.STDERR ? System.err : System.out;
        synchronized (this) {
            out.println(line);
        }
    }

    private static String message(LogRecord record) {
        String message = record.getMessage();
        Object[] parameters = record.getParameters();
        if (message != null && parameters != null && parameters.length > 0 && message.contains("{0")) {
            message = java.text.MessageFormat.format(message, parameters);
        }
        Throwable thrown = record.getThrown();
        if (thrown != null) {
            String detail = thrown.toString();
            message = message == null ? detail : message.contains(detail) ? message : message + ": " + detail;
        }
        return message == null ? "" : message;
    }

    static String levelName(Level level) {
        int value = level.intValue();
        if (value >= Level.SEVERE.intValue()) {
            return "error";
        }
        if (value >= Level.WARNING.intValue()) {
            return "warning";
        }
        if (value >= Level.INFO.intValue()) {
            return "info";
        }
        return "debug";
    }

    @Override
    public void flush() {
        System.out.flush();
        System.err.flush();
    }

    @Override
    public void close() {
        flush();
    }
}
