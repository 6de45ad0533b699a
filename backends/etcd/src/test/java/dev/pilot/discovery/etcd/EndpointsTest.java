package dev.pilot.discovery.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointsTest {

    private final Endpoints endpoints = new Endpoints(List.of(URI.create("http://a:1"), URI.create("http://b:2"), URI.create("http://c:3")));

    @Test
    void aFailedCurrentEndpointHandsOverToTheNextRoundRobin() {
        assertThat(endpoints.get(endpoints.current())).isEqualTo(URI.create("http://a:1"));

        endpoints.failed(0);
        assertThat(endpoints.get(endpoints.current())).isEqualTo(URI.create("http://b:2"));
        endpoints.failed(1);
        endpoints.failed(2);
        assertThat(endpoints.get(endpoints.current())).isEqualTo(URI.create("http://a:1"));
    }

    @Test
    void aFailureOfAnEndpointNoLongerInUseChangesNothing() {
        endpoints.failed(0);
        endpoints.failed(0);

        assertThat(endpoints.current()).isEqualTo(1);
    }

    @Test
    void theEndpointThatAnsweredBecomesCurrent() {
        endpoints.succeeded(5);

        assertThat(endpoints.get(endpoints.current())).isEqualTo(URI.create("http://c:3"));
        assertThat(endpoints).hasToString("a:1,b:2,c:3");
    }
}
