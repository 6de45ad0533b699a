package dev.pilot.agent.config;

import dev.pilot.discovery.ConfigMap;
import java.time.Duration;
import java.util.Optional;

/**
 * A service's {@code consul} block: options only Consul has.
 *
 * @param enableTagOverride              let Consul's anti-entropy keep tags edited in the catalog
 * @param deregisterCriticalServiceAfter how long Consul keeps a critical service before removing it
 */
public record ConsulServiceOptions(boolean enableTagOverride, Optional<Duration> deregisterCriticalServiceAfter) {

    static ConsulServiceOptions parse(ConfigMap block) {
        block.allowOnly("enableTagOverride", "deregisterCriticalServiceAfter");
        return new ConsulServiceOptions(block.bool("enableTagOverride", false),
                block.has("deregisterCriticalServiceAfter")
                        ? Optional.of(block.positiveDuration("deregisterCriticalServiceAfter", Duration.ZERO))
                        : Optional.empty());
    }
}
