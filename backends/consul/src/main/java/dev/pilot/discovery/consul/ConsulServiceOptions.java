package dev.pilot.discovery.consul;

import dev.pilot.discovery.spi.ConfigMap;
import dev.pilot.discovery.ServiceDefinition;
import java.time.Duration;

/**
 * A service's {@code consul} block: what ContainerPilot 2 let each service set for Consul alone.
 * <pre>{@code "services": [{"name": "web", …, "consul": {"enableTagOverride": true,
 *                                                   "deregisterCriticalServiceAfter": "10m"}}]}</pre>
 * A key the block leaves out takes the backend's value ({@link ConsulConfig}), so the backend's
 * configuration gives the default for every service and a service's block overrides it for that
 * service alone.
 *
 * @param enableTagOverride              Consul's {@code EnableTagOverride}
 * @param deregisterCriticalServiceAfter when set, Consul removes the registration after its check
 *                                       has been critical this long; at least one minute
 */
record ConsulServiceOptions(boolean enableTagOverride, Duration deregisterCriticalServiceAfter) {

    /** The options of {@code service}: its {@code consul} block over the backend's defaults. */
    static ConsulServiceOptions of(ServiceDefinition service, ConsulConfig defaults) {
        ConsulServiceOptions base = new ConsulServiceOptions(defaults.enableTagOverride(),
                defaults.deregisterCriticalServiceAfter());
        return service.options(ConsulBackendProvider.NAME)
                .map(block -> read("services[" + service.name() + "]." + ConsulBackendProvider.NAME, block, base))
                .orElse(base);
    }

    /**
     * Reads a service's block.
     *
     * @param path the block's key path, for messages
     * @throws ConfigException naming the key of a bad value
     */
    static ConsulServiceOptions read(String path, Object block, ConsulServiceOptions defaults) {
        ConfigMap options = ConfigMap.of(path, block).allowOnly("enableTagOverride", "deregisterCriticalServiceAfter");
        Duration deregisterAfter = options.duration("deregisterCriticalServiceAfter", defaults.deregisterCriticalServiceAfter());
        ConsulConfig.requireDeregisterAfter(options.path("deregisterCriticalServiceAfter"), deregisterAfter);
        return new ConsulServiceOptions(options.bool("enableTagOverride", defaults.enableTagOverride()), deregisterAfter);
    }
}
