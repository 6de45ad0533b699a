package dev.pilot.discovery.local;

import dev.pilot.discovery.BackendProvider;
import dev.pilot.discovery.Capability;
import dev.pilot.discovery.ServiceBackend;
import java.util.Set;

/** The {@code local} backend: a catalog of JSON files in a directory shared by the processes of one host. */
public final class LocalBackendProvider implements BackendProvider {

    static final String NAME = "local";
    /** File events push changes; the document carries metadata. TTL, maintenance and tags are kept by Pilot. */
    static final Set<Capability> CAPABILITIES = Set.of(Capability.PUSH_WATCH, Capability.METADATA);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public ServiceBackend create(Object raw) {
        return connect(LocalConfig.from(raw));
    }

    /** A backend on the catalog directory of {@code config}. */
    public static ServiceBackend connect(LocalConfig config) {
        return new LocalBackend(config);
    }
}
