package dev.pilot.discovery.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EtcdRefusalTest {

    @Test
    void readsAUnaryError() {
        EtcdRefusal refusal = refusal("{\"error\":\"etcdserver: requested lease not found\",\"message\":\"etcdserver: requested lease not found\",\"code\":5}");

        assertThat(refusal.leaseNotFound()).isTrue();
        assertThat(refusal.unavailable()).isFalse();
        assertThat(refusal).hasMessage("etcd at 127.0.0.1:2379: write /k refused: etcdserver: requested lease not found");
        assertThat(refusal.backend()).isEqualTo("etcd");
    }

    @Test
    void readsTheErrorLineOfAStream() {
        EtcdRefusal refusal = refusal("{\"error\":{\"grpc_code\":14,\"http_code\":503,\"message\":\"etcdserver: no leader\",\"http_status\":\"Service Unavailable\"}}");

        assertThat(refusal.unavailable()).isTrue();
        assertThat(refusal.serverMessage()).isEqualTo("etcdserver: no leader");
    }

    @Test
    void authenticationRefusalsSayWhichSettingToCheck() {
        assertThat(refusal("{\"error\":\"etcdserver: authentication failed, invalid user ID or password\",\"code\":3}"))
                .hasMessageEndingWith("(check etcd.user and etcd.password)");
        EtcdRefusal noUser = refusal("{\"error\":\"etcdserver: user name is empty\",\"code\":3}");
        assertThat(noUser).hasMessageEndingWith("(the server requires authentication: set etcd.user and etcd.password)");
        assertThat(noUser.tokenInvalid()).isTrue();
        assertThat(refusal("{\"error\":\"etcdserver: invalid auth token\",\"code\":16}").tokenInvalid()).isTrue();
        assertThat(refusal("{\"error\":\"etcdserver: permission denied\",\"code\":7}"))
                .hasMessageEndingWith("(the user's roles need readwrite permission on the key prefix)");
    }

    @Test
    void anythingElseIsNoRefusal() {
        assertThat(EtcdRefusal.from("a:1", "x", "<html>not found</html>".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(EtcdRefusal.from("a:1", "x", "{\"result\":{}}".getBytes(StandardCharsets.UTF_8))).isNull();
    }

    private static EtcdRefusal refusal(String body) {
        return EtcdRefusal.from("127.0.0.1:2379", "write /k", body.getBytes(StandardCharsets.UTF_8));
    }
}
