package dev.pilot.discovery.spring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Counters {@code pilot.discovery.heartbeats} (tag {@code result}: {@code success} or
 * {@code failure}) and {@code pilot.discovery.deliveries} (tag {@code service}). The registry is
 * looked up at the first count, so it need not exist when this bean is made.
 */
final class MicrometerPilotMetrics implements PilotMetrics {

    private final ObjectProvider<MeterRegistry> registry;

    MicrometerPilotMetrics(ObjectProvider<MeterRegistry> registry) {
        this.registry = registry;
    }

    /** Called only when Micrometer is on the class path, so that nothing else loads its classes. */
    static PilotMetrics from(org.springframework.beans.factory.BeanFactory beans) {
        return new MicrometerPilotMetrics(beans.getBeanProvider(MeterRegistry.class));
    }

    @Override
    public void heartbeat(boolean success) {
        registry.ifAvailable(meters -> Counter.builder("pilot.discovery.heartbeats")
                .description("Heartbeats sent to the catalog")
                .tag("result", success ? "success" : "failure")
                .register(meters).increment());
    }

    @Override
    public void delivery(String service) {
        registry.ifAvailable(meters -> Counter.builder("pilot.discovery.deliveries")
                .description("Changed healthy sets delivered by watches")
                .tag("service", service)
                .register(meters).increment());
    }
}
