package dev.pilot.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.Security;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.Test;

/**
 * The copy of what TLS supports is the JDK's own answer, on the JDK that builds the agent and
 * whose runtime the tarball bundles; anywhere else the JDK is asked.
 */
class SupportedTlsTest {

    @Test
    void theCopyIsTheJdksOwnAnswer() {
        // a JDK update that adds, drops or reorders a protocol or cipher suite fails here: take a new copy
        assertThat(SupportedTls.COPY).isEqualTo(SupportedTls.askTheJdk());
    }

    @Test
    void theCopyDescribesTheJdkThatBuildsTheAgent() {
        // a JDK update that changes its disabled algorithms fails here (the agent would otherwise ask
        // the JDK at every start, silently): take a new copy of both
        assertThat(SupportedTls.copyApplies(Runtime.version().feature(), Security.getProperty("jdk.tls.disabledAlgorithms")))
                .as("SupportedTls.COPY was taken from Java %d with jdk.tls.disabledAlgorithms=%s; this JDK is %s with %s",
                        SupportedTls.FEATURE, SupportedTls.DISABLED_ALGORITHMS, Runtime.version(),
                        Security.getProperty("jdk.tls.disabledAlgorithms"))
                .isTrue();
        assertThat(SupportedTls.ofThisRuntime()).isSameAs(SupportedTls.COPY);
    }

    @Test
    void anotherReleaseOrOtherDisabledAlgorithmsAskTheJdk() {
        assertThat(SupportedTls.copyApplies(SupportedTls.FEATURE, SupportedTls.DISABLED_ALGORITHMS)).isTrue();
        assertThat(SupportedTls.copyApplies(SupportedTls.FEATURE + 1, SupportedTls.DISABLED_ALGORITHMS)).isFalse();
        assertThat(SupportedTls.copyApplies(SupportedTls.FEATURE, SupportedTls.DISABLED_ALGORITHMS + ", TLS_ECDHE_*")).isFalse();
        assertThat(SupportedTls.copyApplies(SupportedTls.FEATURE, null)).isFalse();
    }

    @Test
    void eachAnswerIsTheCallersToChange() {
        SSLParameters first = SupportedTls.COPY.parameters();
        first.getProtocols()[0] = "changed";
        first.setCipherSuites(new String[] {"changed"});
        assertThat(SupportedTls.COPY.parameters().getProtocols()).containsExactlyElementsOf(SupportedTls.COPY.protocols());
        assertThat(SupportedTls.COPY.parameters().getCipherSuites()).containsExactlyElementsOf(SupportedTls.COPY.cipherSuites());
        assertThat(SupportedTls.COPY.protocols()).startsWith("TLSv1.3");
    }
}
