package dev.pilot.discovery.zookeeper;

import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Another process on the ensemble, for {@link ProcessDeathIT}: registers one instance with a
 * long TTL (so only its death can remove it), heartbeats it every second, prints
 * {@code registered} after the first heartbeat, and ends by itself after a minute.
 * Arguments: ensemble address, service name, instance id, session timeout in milliseconds.
 */
public final class PeerProcess {

    public static void main(String[] args) throws InterruptedException {
        ServiceDefinition self = new ServiceDefinition(args[2], args[1], 9000, Duration.ofMinutes(5), List.of(), "127.0.0.1");
        ZooKeeperConfig config = ZooKeeperConfig.of(args[0])
                .withTimeouts(Duration.ofMillis(Long.parseLong(args[3])), Duration.ofSeconds(5));
        try (ServiceBackend backend = ZooKeeperBackendProvider.connect(config)) {
            backend.sendHeartbeat(self);
            System.out.println("registered");
            System.out.flush();
            for (int i = 0; i < 60; i++) {
                TimeUnit.SECONDS.sleep(1);
                backend.sendHeartbeat(self);
            }
        }
    }
}
