package dev.pilot.examples.spring;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.cloud.client.serviceregistry.Registration;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/** {@code /hello} answers with this instance's id; {@code /call} and a timer greet the peer through the load balancer. */
@RestController
class Greetings {

    private static final Logger log = LoggerFactory.getLogger(Greetings.class);

    private final RestClient loadBalanced;
    private final Registration self;
    private final String peer;

    Greetings(@LoadBalanced RestClient.Builder builder, Registration self, @Value("${example.peer}") String peer) {
        this.loadBalanced = builder.build();
        this.self = self;
        this.peer = peer;
    }

    @GetMapping("/hello")
    String hello() {
        return "hello from " + self.getInstanceId();
    }

    @GetMapping("/call")
    String call() {
        return loadBalanced.get().uri("http://" + peer + "/hello").retrieve().body(String.class);
    }

    @Scheduled(fixedDelayString = "${example.call-every:2s}")
    void greetPeer() {
        try {
            log.info("{} -> {}: {}", self.getServiceId(), peer, call());
        } catch (RestClientException | IllegalStateException e) {
            log.info("{} -> {}: no answer ({})", self.getServiceId(), peer, e.getMessage());
        }
    }
}
