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

    private Main() {}

    public static void main(String[] args) throws InterruptedException {
        if (System.getProperty(HTTP_CONNECT_RETRY) == null) {
            System.setProperty(HTTP_CONNECT_RETRY, "true");
        }
        int code = PilotCommand.execute(args);
        Logging.flush();
        System.exit(code);
    }
}
