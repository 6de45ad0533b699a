package dev.pilot.bench.grpc;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.NameResolverRegistry;
import java.util.List;
import net.devh.boot.grpc.client.nameresolver.DiscoveryClientResolverFactory;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The anchor: grpc-spring's {@code DiscoveryClientNameResolver} (scheme {@code discovery}) over
 * Spring Cloud Consul's {@code DiscoveryClient}, in a Spring application with Spring Cloud
 * Consul's defaults. The resolver reads the DiscoveryClient when grpc asks and whenever Spring
 * Cloud's {@code HeartbeatEvent} reports a new catalog index (Spring Cloud Consul's catalog watch).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class AnchorClient {

    @Bean
    DiscoveryClientResolverFactory discoveryClientResolverFactory(DiscoveryClient discoveryClient) {
        return new DiscoveryClientResolverFactory(discoveryClient);
    }

    /** A round-robin channel on {@code discovery:///service}, and the Spring application behind it. */
    static Subject.Client open(int consulPort, String service) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(AnchorClient.class)
                .web(WebApplicationType.NONE)
                .run(List.of(
                        "--spring.application.name=bench-grpc-client",
                        "--spring.main.banner-mode=off",
                        "--logging.level.root=warn",
                        "--spring.cloud.consul.host=127.0.0.1",
                        "--spring.cloud.consul.port=" + consulPort,
                        "--spring.cloud.consul.discovery.register=false",
                        "--spring.cloud.service-registry.auto-registration.enabled=false").toArray(String[]::new));
        NameResolverRegistry registry = new NameResolverRegistry();
        registry.register(context.getBean(DiscoveryClientResolverFactory.class));
        @SuppressWarnings("deprecation") // grpc-spring's own way to hand its factory to a channel
        ManagedChannel channel = ManagedChannelBuilder.forTarget("discovery:///" + service)
                .nameResolverFactory(registry.asFactory())
                .defaultLoadBalancingPolicy("round_robin")
                .usePlaintext()
                .build();
        return new Subject.Client(channel, context::close);
    }
}
