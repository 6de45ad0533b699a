package dev.pilot.examples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.web.client.RestClient;

/**
 * One application, run twice: as {@code ping} and as {@code pong}. Each registers itself in
 * Pilot's local catalog (a directory both share), and every two seconds calls the other by
 * service name through a {@code @LoadBalanced} RestClient. Stop one and the other's calls fail
 * at once ("no instances"); start it again and they succeed within milliseconds.
 */
@SpringBootApplication
@EnableScheduling
public class PingPongApplication {

    public static void main(String[] args) {
        SpringApplication.run(PingPongApplication.class, args);
    }

    /** The builder Spring Cloud LoadBalancer decorates: {@code http://pong/...} goes to a healthy pong. */
    @Bean
    @LoadBalanced
    RestClient.Builder loadBalancedRestClient() {
        return RestClient.builder();
    }
}
