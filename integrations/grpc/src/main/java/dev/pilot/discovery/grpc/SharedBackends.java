package dev.pilot.discovery.grpc;

import dev.pilot.discovery.BackendProperties;
import dev.pilot.discovery.Backends;
import dev.pilot.discovery.ServiceBackend;
import java.util.HashMap;
import java.util.Map;

/**
 * The backends resolvers use. One the application handed over is borrowed: the application
 * closes it. One named by properties ({@link BackendProperties}, read by
 * {@link ConfigurationProperties}) is created for the first
 * resolver that needs it, shared by every resolver of the same configuration (so their watches
 * of one upstream share one source), and closed when the last of them shuts down.
 */
final class SharedBackends {

    /** A backend for one resolver; {@link #release} once, when the resolver shuts down. */
    interface Lease {
        ServiceBackend backend();

        void release();
    }

    private static final class Shared {
        final ServiceBackend backend;
        int leases;

        Shared(ServiceBackend backend) {
            this.backend = backend;
        }
    }

    private static final Map<BackendProperties, Shared> CONFIGURED = new HashMap<>();

    private SharedBackends() {}

    /** A lease on a backend the application owns. */
    static Lease borrowed(ServiceBackend backend) {
        return new Lease() {
            @Override
            public ServiceBackend backend() {
                return backend;
            }

            @Override
            public void release() {}
        };
    }

    /**
     * A lease on the backend the system properties name, created if no resolver holds it.
     *
     * @throws dev.pilot.discovery.ConfigException naming the property when the configuration is wrong
     */
    static Lease configured() {
        Backends available = Backends.fromClassPath(SharedBackends.class.getClassLoader());
        BackendProperties selection = BackendProperties.from(ConfigurationProperties.over(System.getProperties()), available);
        Shared shared;
        synchronized (CONFIGURED) {
            shared = CONFIGURED.get(selection);
            if (shared == null) {
                shared = new Shared(selection.create(available));
                CONFIGURED.put(selection, shared);
            }
            shared.leases++;
        }
        Shared leased = shared;
        return new Lease() {
            private boolean released;

            @Override
            public ServiceBackend backend() {
                return leased.backend;
            }

            @Override
            public void release() {
                boolean last;
                synchronized (CONFIGURED) {
                    if (released) {
                        return;
                    }
                    released = true;
                    last = --leased.leases == 0;
                    if (last) {
                        CONFIGURED.remove(selection, leased);
                    }
                }
                if (last) {
                    leased.backend.close();
                }
            }
        };
    }
}
