package dev.pilot.testservers;

import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * How to start a {@link ConsulServer} beyond the plain dev agent: extra configuration (ACLs,
 * TLS), extra command-line arguments, and which HTTP listeners to open. Start from
 * {@link #defaults()} and change it with the {@code with…} methods.
 *
 * <p>Example, an ACL-enforcing agent:
 * <pre>{@code
 * ConsulServer.launch(ConsulOptions.defaults().withExtraConfig("""
 *     acl { enabled = true  default_policy = "deny"  down_policy = "extend-cache"
 *           tokens { master = "%s"  agent = "%s" } }
 *     """.formatted(token, token)));
 * }</pre>
 *
 * @param extraConfig HCL written to a file passed with {@code -config-file}; empty for none.
 *                    File paths in it (certificates) must be absolute.
 * @param extraArgs   arguments appended to the {@code consul agent} command line
 * @param http        whether the agent serves plain HTTP (on a free port)
 * @param https       whether the agent serves HTTPS (on a free port; the TLS files must be in
 *                    {@code extraConfig}: {@code cert_file}, {@code key_file}, …)
 * @param sslContext  how the launcher's readiness probe trusts (and if asked authenticates to) an
 *                    HTTPS-only agent; required when {@code http} is false, else unused
 */
public record ConsulOptions(String extraConfig, List<String> extraArgs, boolean http, boolean https, SSLContext sslContext) {

    /** Checks the combination. */
    public ConsulOptions {
        extraConfig = Objects.requireNonNullElse(extraConfig, "");
        extraArgs = List.copyOf(extraArgs);
        if (!http && !https) {
            throw new IllegalArgumentException("a Consul agent needs HTTP or HTTPS, or both");
        }
        if (!http && sslContext == null) {
            throw new IllegalArgumentException("an HTTPS-only Consul agent needs an sslContext for the launcher's readiness probe");
        }
    }

    /** A dev agent serving plain HTTP only, with no extra configuration. */
    public static ConsulOptions defaults() {
        return new ConsulOptions("", List.of(), true, false, null);
    }

    /** These options with {@code hcl} as the extra configuration file's content. */
    public ConsulOptions withExtraConfig(String hcl) {
        return new ConsulOptions(hcl, extraArgs, http, https, sslContext);
    }

    /** These options with {@code args} appended to the agent's command line. */
    public ConsulOptions withExtraArgs(String... args) {
        return new ConsulOptions(extraConfig, List.of(args), http, https, sslContext);
    }

    /** These options with an HTTPS listener besides plain HTTP. */
    public ConsulOptions withHttps() {
        return new ConsulOptions(extraConfig, extraArgs, http, true, sslContext);
    }

    /**
     * These options with HTTPS only ({@code -http-port -1}); the launcher's readiness probe
     * connects with {@code probeContext}.
     */
    public ConsulOptions withHttpsOnly(SSLContext probeContext) {
        return new ConsulOptions(extraConfig, extraArgs, false, true, probeContext);
    }
}
