package dev.pilot.bench.spring;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.curator.x.discovery.ServiceDiscovery;
import org.apache.curator.x.discovery.ServiceDiscoveryBuilder;
import org.apache.curator.x.discovery.details.JsonInstanceSerializer;
import org.springframework.cloud.zookeeper.discovery.ZookeeperInstance;
import org.springframework.cloud.zookeeper.serviceregistry.ServiceInstanceRegistration;
import org.springframework.cloud.zookeeper.serviceregistry.ZookeeperServiceRegistry;

/**
 * Registers the way Spring Cloud Zookeeper does: its own {@link ZookeeperServiceRegistry} on a
 * Curator x-discovery {@link ServiceDiscovery} under {@code /services}, with its JSON payload.
 */
final class CuratorRegistrar implements Registrar {

    private final CuratorFramework curator;
    private final ServiceDiscovery<ZookeeperInstance> discovery;
    private final ZookeeperServiceRegistry registry;
    private final Map<String, ServiceInstanceRegistration> registrations = new ConcurrentHashMap<>();

    CuratorRegistrar(String connectString) {
        curator = CuratorFrameworkFactory.newClient(connectString, new ExponentialBackoffRetry(50, 5));
        curator.start();
        discovery = ServiceDiscoveryBuilder.builder(ZookeeperInstance.class).client(curator).basePath("/services")
                .serializer(new JsonInstanceSerializer<>(ZookeeperInstance.class)).build();
        try {
            discovery.start();
        } catch (Exception e) {
            throw new IllegalStateException("Curator discovery on " + connectString + " did not start", e);
        }
        registry = new ZookeeperServiceRegistry(discovery);
    }

    @Override
    public void register(String id, int port) {
        ServiceInstanceRegistration registration = ServiceInstanceRegistration.builder()
                .id(id).name(RoutingBench.SERVICE).address("127.0.0.1").port(port).defaultUriSpec()
                .payload(new ZookeeperInstance(id, RoutingBench.SERVICE, Map.of()))
                .build();
        registrations.put(id, registration);
        registry.register(registration);
    }

    @Override
    public void deregister(String id, int port) {
        ServiceInstanceRegistration registration = registrations.remove(id);
        if (registration != null) {
            registry.deregister(registration);
        }
    }

    @Override
    public void close() {
        registry.close();
        curator.close();
    }
}
