package dev.pilot.discovery.spring;

import org.springframework.cloud.client.serviceregistry.AbstractAutoServiceRegistration;
import org.springframework.cloud.client.serviceregistry.AutoServiceRegistrationProperties;
import org.springframework.context.ApplicationContext;

/**
 * Registers {@link PilotRegistration} when the web server is ready (Spring Cloud's
 * {@code WebServerInitializedEvent}), with the server's port, and deregisters it when the
 * application context closes.
 */
final class PilotAutoServiceRegistration extends AbstractAutoServiceRegistration<PilotRegistration> {

    private final PilotRegistration registration;
    private final PilotDiscoveryProperties properties;

    PilotAutoServiceRegistration(ApplicationContext context, PilotServiceRegistry registry,
                                 AutoServiceRegistrationProperties autoProperties,
                                 PilotRegistration registration, PilotDiscoveryProperties properties) {
        super(context, registry, autoProperties);
        this.registration = registration;
        this.properties = properties;
    }

    @Override
    protected void register() {
        registration.bindPort(getPort().get());
        super.register();
    }

    @Override
    protected Object getConfiguration() {
        return properties;
    }

    @Override
    protected boolean isEnabled() {
        return properties.service().register();
    }

    @Override
    protected PilotRegistration getRegistration() {
        return registration;
    }

    @Override
    protected PilotRegistration getManagementRegistration() {
        return null;
    }
}
