package dev.pilot.discovery.spring;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.cloud.loadbalancer.config.LoadBalancerAutoConfiguration;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;

/**
 * Makes Pilot's watch-fed {@link PilotServiceInstanceListSupplier} the instance list of every
 * Spring Cloud LoadBalancer client, when the load balancer is on the class path.
 */
@AutoConfiguration(after = PilotDiscoveryAutoConfiguration.class, before = LoadBalancerAutoConfiguration.class)
@ConditionalOnClass(ServiceInstanceListSupplier.class)
@ConditionalOnProperty(name = "pilot.discovery.enabled", matchIfMissing = true)
@LoadBalancerClients(defaultConfiguration = PilotLoadBalancerClientConfiguration.class)
public class PilotLoadBalancerAutoConfiguration {
}
