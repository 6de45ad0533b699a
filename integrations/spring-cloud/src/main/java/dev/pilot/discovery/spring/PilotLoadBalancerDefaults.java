package dev.pilot.discovery.spring;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns Spring Cloud LoadBalancer's instance-list cache off by default while Pilot is on: Pilot's
 * supplier is pushed every change, so a cache only delays routing (35 s by default). A default
 * only, with the lowest precedence: any property source that sets
 * {@code spring.cloud.loadbalancer.cache.enabled} wins.
 */
public final class PilotLoadBalancerDefaults implements EnvironmentPostProcessor {

    static final String SOURCE = "pilotDiscoveryDefaults";
    private static final String CACHE_ENABLED = "spring.cloud.loadbalancer.cache.enabled";

    /**
     * Runs after the application's configuration is loaded (this has the default, lowest order),
     * so an application that sets the property, in any source, keeps its value.
     */
    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getProperty("pilot.discovery.enabled", Boolean.class, true)
                && !environment.containsProperty(CACHE_ENABLED)
                && !environment.getPropertySources().contains(SOURCE)) {
            environment.getPropertySources().addLast(new MapPropertySource(SOURCE, Map.of(CACHE_ENABLED, "false")));
        }
    }
}
