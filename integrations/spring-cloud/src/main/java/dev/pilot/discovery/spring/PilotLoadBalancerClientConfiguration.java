package dev.pilot.discovery.spring;

import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The configuration of each load-balancer child context: Pilot's watch-fed supplier in place of
 * Spring Cloud's discovery-client supplier and its caching wrapper (whose 35 s default TTL is what
 * this module exists to avoid). Registered before Spring Cloud's defaults, which back off.
 */
@Configuration(proxyBeanMethods = false)
public class PilotLoadBalancerClientConfiguration {

    @Bean
    ServiceInstanceListSupplier pilotServiceInstanceListSupplier(Environment environment, WatchedServices services) {
        return new PilotServiceInstanceListSupplier(LoadBalancerClientFactory.getName(environment), services);
    }
}
