package dev.pilot.discovery.spring;

import dev.pilot.discovery.Backends;
import dev.pilot.discovery.ServiceBackend;
import java.util.HashSet;
import java.util.Set;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.client.CommonsClientAutoConfiguration;
import org.springframework.cloud.client.ConditionalOnBlockingDiscoveryEnabled;
import org.springframework.cloud.client.ConditionalOnDiscoveryEnabled;
import org.springframework.cloud.client.ConditionalOnReactiveDiscoveryEnabled;
import org.springframework.cloud.client.ReactiveCommonsClientAutoConfiguration;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryClientAutoConfiguration;
import org.springframework.cloud.client.discovery.simple.reactive.SimpleReactiveDiscoveryClientAutoConfiguration;
import org.springframework.cloud.client.serviceregistry.AutoServiceRegistrationAutoConfiguration;
import org.springframework.cloud.client.serviceregistry.AutoServiceRegistrationConfiguration;
import org.springframework.cloud.client.serviceregistry.AutoServiceRegistrationProperties;
import org.springframework.cloud.client.serviceregistry.ServiceRegistryAutoConfiguration;
import org.springframework.cloud.commons.util.InetUtils;
import org.springframework.cloud.commons.util.UtilAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Pilot as Spring Cloud's discovery client, service registry and auto-registration, on the
 * backend that {@code pilot.discovery.<backend>} names (found on the class path, as the agent
 * finds it). Off with {@code pilot.discovery.enabled=false}; the discovery clients also follow
 * Spring Cloud's {@code spring.cloud.discovery.enabled}, {@code .blocking.enabled} and
 * {@code .reactive.enabled}.
 */
@AutoConfiguration(
        before = {SimpleDiscoveryClientAutoConfiguration.class, SimpleReactiveDiscoveryClientAutoConfiguration.class,
                CommonsClientAutoConfiguration.class, ReactiveCommonsClientAutoConfiguration.class,
                ServiceRegistryAutoConfiguration.class},
        after = {UtilAutoConfiguration.class, AutoServiceRegistrationConfiguration.class,
                AutoServiceRegistrationAutoConfiguration.class, ApplicationAvailabilityAutoConfiguration.class})
@ConditionalOnProperty(name = "pilot.discovery.enabled", matchIfMissing = true)
@EnableConfigurationProperties(PilotDiscoveryProperties.class)
public class PilotDiscoveryAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    ServiceBackend pilotServiceBackend(Environment environment) {
        Backends backends = Backends.fromClassPath(PilotDiscoveryAutoConfiguration.class.getClassLoader());
        return BackendSelection.create(BackendSelection.from(environment, backends), backends);
    }

    @Bean
    PilotMetrics pilotMetrics(BeanFactory beans) {
        return ClassUtils.isPresent("io.micrometer.core.instrument.MeterRegistry", getClass().getClassLoader())
                ? MicrometerPilotMetrics.from(beans) : PilotMetrics.NONE;
    }

    @Bean(destroyMethod = "close")
    WatchedServices pilotWatchedServices(ServiceBackend backend, PilotMetrics metrics) {
        return new WatchedServices(backend, metrics);
    }

    @Bean
    PilotRegistration pilotRegistration(PilotDiscoveryProperties properties, Environment environment, InetUtils inet) {
        PilotDiscoveryProperties.Service service = properties.service();
        String name = service.name() != null ? service.name() : environment.getProperty("spring.application.name");
        if (name == null || name.isBlank()) {
            throw new PilotConfigurationException("pilot.discovery.service.name",
                    "expected a service name (or spring.application.name), got nothing");
        }
        String address = service.address() != null ? service.address() : inet.findFirstNonLoopbackHostInfo().getIpAddress();
        String source = service.address() != null ? "pilot.discovery.service.address"
                : "the first non-loopback interface (Spring Cloud's InetUtils; set pilot.discovery.service.address,"
                        + " or spring.cloud.inetutils.preferred-networks / ignored-interfaces, to choose)";
        return new PilotRegistration(name, service.id(), address, source, service.port(), service.ttl(), service.tags(),
                service.metadata());
    }

    @Bean
    PilotServiceRegistry pilotServiceRegistry(ServiceBackend backend, PilotMetrics metrics, BeanFactory beans) {
        ClassLoader loader = getClass().getClassLoader();
        boolean actuatorHealth = ClassUtils.isPresent("org.springframework.boot.health.actuate.endpoint.HealthEndpoint", loader)
                && ClassUtils.isPresent("org.springframework.boot.actuate.endpoint.OperationResponseBody", loader);
        HealthGate gate = actuatorHealth ? ActuatorHealthGate.from(beans) : HealthGate.ALWAYS_UP;
        return new PilotServiceRegistry(backend, gate, metrics);
    }

    /** The first heartbeat as soon as the application is ready (see {@link PilotReadinessHeartbeat}). */
    @Bean
    PilotReadinessHeartbeat pilotReadinessHeartbeat(PilotServiceRegistry registry) {
        return new PilotReadinessHeartbeat(registry);
    }

    static PilotDiscoveryClient discoveryClient(WatchedServices services, ServiceBackend backend,
                                                PilotDiscoveryProperties properties, PilotRegistration registration) {
        Set<String> own = new HashSet<>(properties.watch());
        own.add(registration.getServiceId());
        return new PilotDiscoveryClient(services, backend.name(), own);
    }

    @Bean
    @ConditionalOnProperty(name = "spring.cloud.service-registry.auto-registration.enabled", matchIfMissing = true)
    @ConditionalOnClass(name = "org.springframework.boot.web.server.context.WebServerInitializedEvent")
    PilotAutoServiceRegistration pilotAutoServiceRegistration(
            ApplicationContext context, PilotServiceRegistry registry, PilotRegistration registration,
            PilotDiscoveryProperties properties, ObjectProvider<AutoServiceRegistrationProperties> autoProperties) {
        return new PilotAutoServiceRegistration(context, registry,
                autoProperties.getIfAvailable(AutoServiceRegistrationProperties::new), registration, properties);
    }

    /** Deregisters before the web server's graceful shutdown (see {@link PilotDeregistrationLifecycle}). */
    @Bean
    @ConditionalOnBean(PilotAutoServiceRegistration.class)
    PilotDeregistrationLifecycle pilotDeregistrationLifecycle(PilotAutoServiceRegistration autoRegistration,
                                                              PilotRegistration registration, WatchedServices services,
                                                              PilotDiscoveryProperties properties) {
        return new PilotDeregistrationLifecycle(autoRegistration, registration, services,
                properties.service().shutdownDelay());
    }

    /** The blocking client, unless Spring Cloud's discovery (or its blocking half) is off. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnDiscoveryEnabled
    @ConditionalOnBlockingDiscoveryEnabled
    static class Blocking {

        @Bean
        PilotDiscoveryClient pilotDiscoveryClient(WatchedServices services, ServiceBackend backend,
                                                  PilotDiscoveryProperties properties, PilotRegistration registration) {
            PilotDiscoveryClient client = discoveryClient(services, backend, properties, registration);
            properties.watch().forEach(client::getInstances);
            return client;
        }
    }

    /** The reactive client, when Spring Cloud's reactive discovery is on (it needs WebClient on the class path). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "reactor.core.publisher.Flux")
    @ConditionalOnDiscoveryEnabled
    @ConditionalOnReactiveDiscoveryEnabled
    static class Reactive {

        @Bean
        ReactiveDiscoveryClient pilotReactiveDiscoveryClient(WatchedServices services, ServiceBackend backend,
                                                             PilotDiscoveryProperties properties,
                                                             PilotRegistration registration) {
            return new PilotReactiveDiscoveryClient(discoveryClient(services, backend, properties, registration), services);
        }
    }

    /** The catalog connection as Spring Boot health, when the health module is on the class path. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    static class Health {

        @Bean(PilotHealthIndicator.BEAN)
        PilotHealthIndicator pilotDiscoveryHealthIndicator(ServiceBackend backend, PilotServiceRegistry registry,
                                                           WatchedServices services) {
            return new PilotHealthIndicator(backend.name(), registry, services);
        }
    }

}
