package dev.pilot.bench.spring;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.annotation.Bean;
import org.springframework.web.client.RestClient;

/** The one Spring application of a round: no web server, a {@code @LoadBalanced} RestClient and whichever discovery the properties turn on. */
@SpringBootConfiguration
@EnableAutoConfiguration
class BenchClient {

    @Bean
    @LoadBalanced
    RestClient.Builder loadBalancedRestClient() {
        return RestClient.builder();
    }
}
