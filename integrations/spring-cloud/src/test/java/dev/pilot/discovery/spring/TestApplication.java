package dev.pilot.discovery.spring;

import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.cloud.client.serviceregistry.Registration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/**
 * The application the tests start twice: it answers {@code /whoami} with its instance id and
 * calls another service's {@code /whoami} through a {@code @LoadBalanced} RestClient at
 * {@code /call/{service}}. Its {@code switch} health indicator lets a test turn it DOWN.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(TestApplication.Endpoints.class)
class TestApplication {

    @Bean
    @LoadBalanced
    RestClient.Builder loadBalancedRestClient() {
        return RestClient.builder();
    }

    @Bean
    Switch switchHealthIndicator() {
        return new Switch();
    }

    /** A health indicator a test flips. */
    static final class Switch implements HealthIndicator {
        final AtomicBoolean up = new AtomicBoolean(true);

        @Override
        public Health health() {
            return up.get() ? Health.up().build() : Health.down().withDetail("switch", "off").build();
        }
    }

    @RestController
    static class Endpoints {
        private final RestClient loadBalanced;
        private final Registration registration;

        /** {@code registration} is Pilot's, or Spring Cloud Consul's in the interop test. */
        Endpoints(@LoadBalanced RestClient.Builder builder, Registration registration) {
            this.loadBalanced = builder.build();
            this.registration = registration;
        }

        @GetMapping("/whoami")
        String whoami() {
            return registration.getInstanceId();
        }

        @GetMapping("/call/{service}")
        String call(@PathVariable("service") String service) {
            return loadBalanced.get().uri("http://" + service + "/whoami").retrieve().body(String.class);
        }
    }
}
