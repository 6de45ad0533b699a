package dev.pilot.agent.lifecycle;

import dev.pilot.agent.config.Command;
import dev.pilot.agent.config.ServiceConfig;
import dev.pilot.agent.process.CommandRunner;
import dev.pilot.agent.telemetry.AgentMetrics;
import dev.pilot.discovery.spi.ConfigMap;
import dev.pilot.discovery.DiscoveryException;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one service in the catalog while its health check passes: every {@code poll} it runs the
 * check and, on success, sends a heartbeat. A failing check sends nothing, so the registration
 * lapses after {@code ttl}. Each service polls on its own virtual thread, so a slow check never
 * delays another service.
 *
 * <p>Unlike ContainerPilot, which waited one poll interval, the first check runs at start.
 */
final class ServiceHeartbeat implements Component {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceHeartbeat.class);

    private final String name;
    private final ServiceDefinition definition;
    private final Optional<Command> health;
    private final Duration timeout;
    private final Duration poll;
    private final ServiceBackend backend;
    private final CommandRunner runner;
    private final Maintenance maintenance;
    private final AgentMetrics metrics;
    private Poller poller;
    /** Whether the last heartbeat went through: used to log registrations and failures once. */
    private volatile boolean registered;
    private volatile boolean failing;
    private final OutageLog outage;

    ServiceHeartbeat(ServiceConfig config, ServiceBackend backend, CommandRunner runner, Maintenance maintenance,
                     AgentMetrics metrics) {
        this(config.name(), config.definition(), config.health(), config.timeout(), config.poll(), backend, runner,
                maintenance, metrics);
    }

    ServiceHeartbeat(String name, ServiceDefinition definition, Optional<Command> health, Duration timeout,
                     Duration poll, ServiceBackend backend, CommandRunner runner, Maintenance maintenance,
                     AgentMetrics metrics) {
        this.name = ConfigMap.abbreviate(name); // for log lines: a huge name is echoed shortened
        this.definition = definition;
        this.health = health;
        this.timeout = timeout;
        this.poll = poll;
        this.backend = backend;
        this.runner = runner;
        this.maintenance = maintenance;
        this.metrics = metrics;
        this.outage = new OutageLog(this.name);
    }

    @Override
    public void start() {
        poller = new Poller(name, poll, maintenance::isOn, this::checkAndHeartbeat).start(Duration.ZERO);
    }

    /** Checks now rather than at the next tick (after maintenance ends). */
    void checkSoon() {
        registered = false;
        if (poller != null) {
            poller.wakeUp();
        }
    }

    private void checkAndHeartbeat() throws InterruptedException {
        if (health.isPresent()) {
            CommandRunner.Outcome outcome = runner.run(name + ".health", health.get(), timeout);
            if (!outcome.succeeded()) {
                metrics.healthCheckFailed(name);
                if (!failing) {
                    LOG.warn("{}: health check failed ({}); no heartbeats until it passes",
                            name, outcome.timedOut() ? "timed out" : "exit code " + outcome.exitCode());
                    failing = true;
                }
                registered = false;
                return;
            }
            if (failing) {
                LOG.info("{}: health check passes again", name);
                failing = false;
            }
        }
        synchronized (this) {
            // checked again under the lock markForMaintenance takes, so a heartbeat that was
            // already under way cannot put the service back after maintenance began
            if (maintenance.isOn()) {
                return;
            }
            heartbeat();
        }
    }

    private void heartbeat() {
        try {
            backend.sendHeartbeat(definition);
        } catch (DiscoveryException e) {
            // logged once, then summarized: an outage must not flood the log, and the next poll retries
            metrics.backendError(backend.name());
            registered = false;
            outage.failed(e.getMessage()).ifPresent(LOG::warn);
            return;
        }
        metrics.heartbeatSent(name);
        outage.succeeded().ifPresent(LOG::info);
        if (!registered) {
            registered = true;
            LOG.info("{}: registered {} at {}:{} in {}", name, ConfigMap.abbreviate(definition.id()), definition.ipAddress(),
                    definition.port(), backend.name());
        }
    }

    @Override
    public void stop() {
        if (poller != null) {
            poller.close();
        }
    }

    @Override
    public void withdraw() {
        try {
            backend.deregister(definition);
            LOG.info("{}: deregistered {}", name, ConfigMap.abbreviate(definition.id()));
        } catch (DiscoveryException e) {
            LOG.warn("{}: could not deregister {}: {}", name, ConfigMap.abbreviate(definition.id()), e.getMessage());
        } finally {
            registered = false;
        }
    }

    /** Takes the service out of the healthy set for maintenance. */
    synchronized void markForMaintenance() {
        try {
            backend.markForMaintenance(definition);
            LOG.info("{}: in maintenance", name);
        } catch (DiscoveryException e) {
            LOG.warn("{}: could not mark {} for maintenance: {}", name, ConfigMap.abbreviate(definition.id()), e.getMessage());
        }
        registered = false;
    }
}
