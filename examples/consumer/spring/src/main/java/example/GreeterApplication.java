package example;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/** Run twice: {@code /hello} answers with this instance's port, {@code /call} asks any "greeter" through the load balancer. */
@SpringBootApplication
@RestController
public class GreeterApplication {

    private final Environment environment;
    private final RestClient greeters;

    public GreeterApplication(Environment environment, @LoadBalanced RestClient.Builder builder) {
        this.environment = environment;
        this.greeters = builder.build();
    }

    public static void main(String[] args) {
        SpringApplication.run(GreeterApplication.class, args);
    }

    @Bean
    @LoadBalanced
    static RestClient.Builder loadBalancedRestClient() {
        return RestClient.builder();
    }

    @GetMapping("/hello")
    String hello() {
        return "hello from port " + environment.getProperty("local.server.port");
    }

    @GetMapping("/call")
    String call() {
        return greeters.get().uri("http://greeter/hello").retrieve().body(String.class);
    }
}
