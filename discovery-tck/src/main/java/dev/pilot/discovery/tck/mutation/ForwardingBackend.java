package dev.pilot.discovery.tck.mutation;

import dev.pilot.discovery.Capability;
import dev.pilot.discovery.Instance;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.discovery.UpstreamListener;
import dev.pilot.discovery.Watch;
import java.util.List;
import java.util.Set;

/**
 * A backend that hands every call to another; a mutant (or a test's view of a real backend)
 * overrides the one call it changes.
 */
public abstract class ForwardingBackend implements ServiceBackend {

    protected final ServiceBackend delegate;

    protected ForwardingBackend(ServiceBackend delegate) {
        this.delegate = delegate;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public void sendHeartbeat(ServiceDefinition service) {
        delegate.sendHeartbeat(service);
    }

    @Override
    public boolean checkForUpstreamChanges(String name, String tag) {
        return delegate.checkForUpstreamChanges(name, tag);
    }

    @Override
    public void markForMaintenance(ServiceDefinition service) {
        delegate.markForMaintenance(service);
    }

    @Override
    public void deregister(ServiceDefinition service) {
        delegate.deregister(service);
    }

    @Override
    public List<Instance> instances(String name, String tag) {
        return delegate.instances(name, tag);
    }

    @Override
    public Watch watch(String name, String tag, UpstreamListener listener) {
        return delegate.watch(name, tag, listener);
    }

    @Override
    public Set<Capability> capabilities() {
        return delegate.capabilities();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
