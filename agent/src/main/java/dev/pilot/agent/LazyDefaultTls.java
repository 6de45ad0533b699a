package dev.pilot.agent;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.KeyManagementException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * The process's default {@link SSLContext}, set by the agent before anything asks for it: the
 * JDK's own default context, built the first time a TLS connection needs it, not the first time
 * someone asks which protocols TLS supports.
 *
 * <p>ZooKeeper's client asks that in a static initializer reached from every client
 * configuration, plain or TLS: {@code X509Util} reads
 * {@code SSLContext.getDefault().getSupportedSSLParameters()} and
 * {@code SSLServerSocketFactory.getDefault().getSupportedCipherSuites()}. The JDK builds its
 * default context there, reading and parsing the whole trust store (144 certificates), which an
 * agent on a plain ZooKeeper never uses: measured on the tarball, 1.3 MB of memory for good and
 * 15-20 ms of its start. This context answers those questions with {@link SupportedTls} (the
 * supported protocols and cipher suites are the implementation's, not the trust store's; on the
 * bundled runtime, without initialising the implementation at all) and hands everything else, every
 * socket and engine, to the JDK's default, so what a TLS connection trusts and presents is
 * unchanged.
 *
 * <p>The agent owns its process; a library must never set a JVM-wide default, so the backends do
 * not do this.
 */
final class LazyDefaultTls extends SSLContext {

    private LazyDefaultTls() {
        // no provider named: finding the JDK's would load its TLS implementation, which is what this defers
        super(new Spi(), null, "Default");
    }

    /** Makes this the process's default; once, before anything has asked for the default. */
    static void install() {
        SSLContext.setDefault(new LazyDefaultTls());
    }

    /** Each answer and context is made when first needed, so an agent that never speaks TLS loads none of it. */
    private static final class Spi extends SSLContextSpi {

        private SupportedTls supported;
        private SSLContext described;
        private SSLContext jdkDefault;

        private synchronized SupportedTls supported() {
            if (supported == null) {
                supported = SupportedTls.ofThisRuntime();
            }
            return supported;
        }

        private synchronized SSLContext described() {
            if (described == null) {
                described = SupportedTls.describingContext();
            }
            return described;
        }

        private synchronized SSLContext jdkDefault() {
            if (jdkDefault == null) {
                try {
                    jdkDefault = SSLContext.getInstance("Default");
                } catch (NoSuchAlgorithmException e) {
                    throw new IllegalStateException("the JDK has no default TLS context", e);
                }
            }
            return jdkDefault;
        }

        @Override
        protected void engineInit(KeyManager[] keys, TrustManager[] trust, SecureRandom random) throws KeyManagementException {
            throw new KeyManagementException("the default TLS context is initialised by the JDK");
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return supported().parameters();
        }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            return jdkDefault().getDefaultSSLParameters();
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            return jdkDefault().getSocketFactory();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            return new ServerSockets(this);
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            return jdkDefault().createSSLEngine();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            return jdkDefault().createSSLEngine(host, port);
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return jdkDefault().getServerSessionContext();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return jdkDefault().getClientSessionContext();
        }
    }

    /** Describes the cipher suites without the default context; makes every server socket with it. */
    private static final class ServerSockets extends SSLServerSocketFactory {

        private final Spi contexts;

        ServerSockets(Spi contexts) {
            this.contexts = contexts;
        }

        private SSLServerSocketFactory real() {
            return contexts.jdkDefault().getServerSocketFactory();
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return contexts.described().getServerSocketFactory().getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return contexts.supported().cipherSuites().toArray(String[]::new);
        }

        @Override
        public ServerSocket createServerSocket() throws IOException {
            return real().createServerSocket();
        }

        @Override
        public ServerSocket createServerSocket(int port) throws IOException {
            return real().createServerSocket(port);
        }

        @Override
        public ServerSocket createServerSocket(int port, int backlog) throws IOException {
            return real().createServerSocket(port, backlog);
        }

        @Override
        public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
            return real().createServerSocket(port, backlog, address);
        }
    }
}
