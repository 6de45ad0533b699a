package dev.pilot.discovery.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.pilot.discovery.DiscoveryException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How renewals asked for at once share requests, with the request itself replaced by a function
 * (the requests against a real etcd are in {@link EtcdLeaseIT}): what one request leaves
 * unanswered goes first in the next, an answer holding nothing fails instead of being sent again,
 * a failed request fails every renewal it carried, and none stops the renewals that come after.
 */
class LeaseRenewalsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** The leases of each request sent, in order. */
    private final List<List<Long>> sent = new CopyOnWriteArrayList<>();
    private LeaseRenewals renewals;

    @AfterEach
    void close() {
        if (renewals != null) {
            renewals.close();
        }
    }

    @Test
    void renewalsAskedWhileARequestIsOnItsWayGoTogetherInTheNext() throws Exception {
        CountDownLatch firstMayEnd = new CountDownLatch(1);
        renewals = recording(firstMayEnd, (leases, deadline) -> answerAll(leases));

        CompletableFuture<EtcdApi.Renewal> first = renewAsync(1);
        await().atMost(TIMEOUT).until(() -> sent.size() == 1);
        List<CompletableFuture<EtcdApi.Renewal>> later = new ArrayList<>();
        for (long lease = 2; lease <= 11; lease++) {
            later.add(renewAsync(lease));
        }
        await().atMost(TIMEOUT).until(() -> renewals.waiting() == 10);
        firstMayEnd.countDown();

        assertThat(first.get(5, TimeUnit.SECONDS).ttl()).isEqualTo(1);
        for (int i = 0; i < later.size(); i++) {
            assertThat(later.get(i).get(5, TimeUnit.SECONDS).ttl()).as("lease %d", i + 2).isEqualTo(i + 2);
        }
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0)).containsExactly(1L);
        assertThat(sent.get(1)).as("the second request").containsExactlyInAnyOrder(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L);
    }

    @Test
    void whatARequestLeftUnansweredGoesFirstInTheNext() throws Exception {
        CountDownLatch firstMayEnd = new CountDownLatch(1);
        // as etcd's gateway may: the first, and no more
        renewals = recording(firstMayEnd, (leases, deadline) -> answerAll(leases.subList(0, 1)));

        List<CompletableFuture<EtcdApi.Renewal>> asked = new ArrayList<>();
        asked.add(renewAsync(1));
        await().atMost(TIMEOUT).until(() -> sent.size() == 1);
        for (long lease = 2; lease <= 4; lease++) {
            asked.add(renewAsync(lease));
        }
        await().atMost(TIMEOUT).until(() -> renewals.waiting() == 3);
        firstMayEnd.countDown();

        for (int i = 0; i < asked.size(); i++) {
            assertThat(asked.get(i).get(5, TimeUnit.SECONDS).ttl()).as("lease %d", i + 1).isEqualTo(i + 1);
        }
        // the three asked while the first request was on its way, in the order they were asked
        assertThat(sent).hasSize(4);
        assertThat(sent.get(1)).containsExactlyInAnyOrder(2L, 3L, 4L);
        assertThat(sent.get(2)).as("the third request").isEqualTo(sent.get(1).subList(1, 3));
        assertThat(sent.get(3)).as("the fourth request").isEqualTo(sent.get(1).subList(2, 3));
    }

    @Test
    void anAnswerHoldingNoRenewalFailsThemInsteadOfSendingThemAgain() {
        renewals = new LeaseRenewals("etcd", (leases, deadline) -> {
            sent.add(leases);
            return Map.of();
        }, TIMEOUT);

        assertThatThrownBy(() -> renewals.renew(7)).isInstanceOf(DiscoveryException.class)
                .hasMessageContaining("renew lease 7").hasMessageContaining("held no renewal");
        assertThat(sent).containsExactly(List.of(7L));
    }

    @Test
    void aFailedRequestFailsEveryRenewalItCarried() throws Exception {
        CountDownLatch firstMayEnd = new CountDownLatch(1);
        DiscoveryException refused = new DiscoveryException("etcd", "127.0.0.1:2379", "renew 2 leases: no leader");
        renewals = recording(firstMayEnd, (leases, deadline) -> {
            if (sent.size() == 1) {
                return answerAll(leases);
            }
            throw refused;
        });

        CompletableFuture<EtcdApi.Renewal> first = renewAsync(1);
        await().atMost(TIMEOUT).until(() -> sent.size() == 1);
        List<CompletableFuture<EtcdApi.Renewal>> carried = List.of(renewAsync(2), renewAsync(3));
        await().atMost(TIMEOUT).until(() -> renewals.waiting() == 2);
        firstMayEnd.countDown();

        assertThat(first.get(5, TimeUnit.SECONDS).ttl()).isEqualTo(1);
        for (CompletableFuture<EtcdApi.Renewal> renewal : carried) {
            assertThat(renewal).failsWithin(Duration.ofSeconds(5)).withThrowableOfType(Exception.class)
                    .havingRootCause().isSameAs(refused);
        }
    }

    @Test
    void renewalsGoOnAfterARequestThatThrewAnError() {
        renewals = new LeaseRenewals("etcd", (leases, deadline) -> {
            sent.add(leases);
            if (sent.size() == 1) {
                throw new StackOverflowError("in the request");
            }
            return answerAll(leases);
        }, TIMEOUT);

        assertThatThrownBy(() -> renewals.renew(1)).isInstanceOf(DiscoveryException.class).hasMessageContaining("in the request");
        assertThat(renewals.renew(2).ttl()).isEqualTo(2);
    }

    @Test
    void aCallerWaitsNoLongerThanTheTimeoutAndAClosedBackendRenewsNothing() {
        CountDownLatch never = new CountDownLatch(1);
        renewals = new LeaseRenewals("etcd", (leases, deadline) -> {
            sent.add(leases);
            waitFor(never);
            return answerAll(leases);
        }, Duration.ofMillis(300));

        assertThatThrownBy(() -> renewals.renew(1)).isInstanceOf(DiscoveryException.class).hasMessageContaining("timed out");
        renewals.close();
        assertThatThrownBy(() -> renewals.renew(2)).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThat(sent).containsExactly(List.of(1L));
    }

    /** Renewals whose requests are recorded in {@link #sent} and answered by {@code answers}, the first once {@code firstMayEnd} opens. */
    private LeaseRenewals recording(CountDownLatch firstMayEnd, LeaseRenewals.Request answers) {
        return new LeaseRenewals("etcd", (leases, deadline) -> {
            sent.add(leases);
            if (sent.size() == 1) {
                waitFor(firstMayEnd);
            }
            return answers.renew(leases, deadline);
        }, TIMEOUT);
    }

    /** Each lease renewed to a TTL equal to its id, so that every caller can tell its own answer. */
    private static Map<Long, EtcdApi.Renewal> answerAll(List<Long> leases) {
        Map<Long, EtcdApi.Renewal> answers = new HashMap<>();
        for (long lease : leases) {
            answers.put(lease, new EtcdApi.Renewal(lease, 1));
        }
        return answers;
    }

    private CompletableFuture<EtcdApi.Renewal> renewAsync(long lease) {
        return CompletableFuture.supplyAsync(() -> renewals.renew(lease), runnable -> new Thread(runnable).start());
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("the test never let the request end");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DiscoveryException("etcd", "127.0.0.1:2379", "interrupted", e);
        }
    }
}
