package dev.pilot.discovery.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The bound on requests in flight, against a server that accepts and never answers. */
class InFlightRequestsTest {

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final HttpClient client = HttpClients.http11(false, Optional.empty(), Duration.ofSeconds(5), executor);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void aRequestBeyondTheBoundWaitsAtMostItsOwnTimeoutForASlotAndFailsAsATimeout() throws Exception {
        InFlightRequests requests = new InFlightRequests(1);
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            CompletableFuture<?> first = CompletableFuture.runAsync(() -> catchThrowableOfType(HttpFailure.class,
                    () -> requests.send(client, request(silent.getLocalPort(), Duration.ofSeconds(5)), HttpResponse.BodyHandlers.ofString())),
                    executor);
            // until the first request holds the only slot
            await("the first request in flight").atMost(Duration.ofSeconds(10)).until(() -> requests.inFlight() == 1);

            long start = System.nanoTime();
            HttpFailure second = catchThrowableOfType(HttpFailure.class,
                    () -> requests.send(client, request(silent.getLocalPort(), Duration.ofMillis(500)), HttpResponse.BodyHandlers.ofString()));
            Duration waited = Duration.ofNanos(System.nanoTime() - start);

            assertThat(second).as("the second request, while the first holds the slot").isNotNull();
            assertThat(second.kind()).isEqualTo(HttpFailure.Kind.TIMEOUT);
            assertThat(second.getCause()).hasMessage("no slot among the requests in flight");
            assertThat(waited).as("waited for a slot").isLessThan(Duration.ofSeconds(3));

            requests.cancelAll();
            first.get(5, TimeUnit.SECONDS);
        }
    }

    private static HttpRequest request(int port, Duration timeout) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).timeout(timeout).GET().build();
    }
}
