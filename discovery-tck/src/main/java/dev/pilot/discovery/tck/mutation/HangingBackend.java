package dev.pilot.discovery.tck.mutation;

import dev.pilot.discovery.Instance;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;
import java.util.List;

/**
 * Asks the server something without a read timeout before each call, so every call hangs for
 * as long as a server stays silent: a client that forgot its timeouts.
 */
final class HangingBackend extends ForwardingBackend {

    private final String address;

    HangingBackend(ServiceBackend delegate, String address) {
        super(delegate);
        this.address = address;
    }

    @Override
    public void sendHeartbeat(ServiceDefinition service) {
        ServerProbe.requestWithoutTimeout(address);
        super.sendHeartbeat(service);
    }

    @Override
    public void markForMaintenance(ServiceDefinition service) {
        ServerProbe.requestWithoutTimeout(address);
        super.markForMaintenance(service);
    }

    @Override
    public void deregister(ServiceDefinition service) {
        ServerProbe.requestWithoutTimeout(address);
        super.deregister(service);
    }

    @Override
    public List<Instance> instances(String name, String tag) {
        ServerProbe.requestWithoutTimeout(address);
        return super.instances(name, tag);
    }

    @Override
    public boolean checkForUpstreamChanges(String name, String tag) {
        ServerProbe.requestWithoutTimeout(address);
        return super.checkForUpstreamChanges(name, tag);
    }
}
