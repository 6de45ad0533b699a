package dev.pilot.agent;

import dev.pilot.agent.logging.Logging;

/** The {@code pilot} executable: runs {@link PilotCommand} and exits with its code. */
public final class Main {

    /**
     * The JDK's HTTP client retries every refused connection once by itself, so each failing
     * request to a Consul or etcd that is down made two connects; the backends retry on their own
     * schedule (the next heartbeat, the next endpoint), so the agent turns the hidden retry off.
     */
    static final String HTTP_CONNECT_RETRY = "jdk.httpclient.disableRetryConnect";

    private static boolean configured;

    private Main() {}

    public static void main(String[] args) throws InterruptedException {
        configureProcess();
        int code;
        try {
            code = PilotCommand.execute(args);
        } catch (RuntimeException | Error e) {
            // a defect, not a configuration mistake (those are one line and exit 1 already): said
            // with its trace, and the process ends rather than wait on threads it started
            e.printStackTrace();
            code = 1;
        }
        Logging.flush();
        System.exit(code);
    }

    /**
     * What the agent sets in its JVM before anything else runs: the JDK HTTP client's connect
     * retry off, and the default TLS context its own ({@link LazyDefaultTls}). The AOT training
     * calls this first too, so that its cache holds the classes an agent's start loads, not the
     * ones the JDK's own defaults would have loaded. A second call does nothing.
     */
    public static synchronized void configureProcess() {
        if (configured) {
            return;
        }
        configured = true;
        if (System.getProperty(HTTP_CONNECT_RETRY) == null) {
            System.setProperty(HTTP_CONNECT_RETRY, "true");
        }
        LazyDefaultTls.install();
    }
}
