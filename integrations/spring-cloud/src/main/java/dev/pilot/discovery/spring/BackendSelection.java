package dev.pilot.discovery.spring;

import dev.pilot.discovery.BackendProperties;
import dev.pilot.discovery.Backends;
import dev.pilot.discovery.ConfigException;
import dev.pilot.discovery.ServiceBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.core.env.Environment;

/**
 * Which backend {@code pilot.discovery} names in Spring's environment, and its raw configuration
 * ({@link BackendProperties}: exactly one of {@code pilot.discovery.<backend>}, a value or a block),
 * read through Spring's binder, so relaxed names and environment variables count; failures are
 * {@link PilotConfigurationException}s naming the Spring property as the user wrote it, in
 * kebab-case.
 */
final class BackendSelection {

    /** The message of {@code ConfigMap.allowOnly}, which every backend uses for its blocks. */
    private static final Pattern UNKNOWN_KEY = Pattern.compile("unknown key; expected one of \\[(.*)]");

    private BackendSelection() {}

    /** Reads the selection from {@code environment}; {@code available} are the backends on the class path. */
    static BackendProperties from(Environment environment, Backends available) {
        Binder binder = Binder.get(environment);
        UnknownProperties.check(environment, BackendProperties.candidates(available));
        try {
            return BackendProperties.choose(available, name -> raw(environment, binder, name));
        } catch (ConfigException e) {
            throw new PilotConfigurationException(e.key(), e.getMessage().substring(e.key().length() + 2));
        }
    }

    /**
     * Creates the backend {@code selection} names.
     *
     * @throws PilotConfigurationException naming the Spring property when the backend rejects its configuration
     */
    static ServiceBackend create(BackendProperties selection, Backends backends) {
        try {
            return selection.create(backends);
        } catch (ConfigException e) {
            throw new PilotConfigurationException(BackendProperties.PREFIX + kebabPath(e.key()),
                    inKebabCase(e.key(), e.getMessage().substring(e.key().length() + 2)));
        }
    }

    /** {@code consul.tls.caFile} as the user wrote it in Spring: {@code consul.tls.ca-file}. */
    private static String kebabPath(String key) {
        return NearestName.kebab(key);
    }

    /** ConfigMap's {@code "unknown key; expected one of [a, bC]"}, in Spring's kebab-case, with the nearest key. */
    private static String inKebabCase(String key, String message) {
        Matcher unknown = UNKNOWN_KEY.matcher(message);
        if (!unknown.matches()) {
            return message;
        }
        List<String> known = new ArrayList<>();
        for (String name : unknown.group(1).split(", ")) {
            known.add(NearestName.kebab(name));
        }
        String typed = NearestName.kebab(key.substring(key.lastIndexOf('.') + 1));
        return NearestName.of(typed, known).map(nearest -> "unknown key; did you mean " + nearest + "?")
                .orElse("unknown key; expected one of " + known);
    }

    private static Optional<Object> raw(Environment environment, Binder binder, String name) {
        String property = BackendProperties.PREFIX + name;
        Optional<String> value = Optional.ofNullable(binder.bind(property, String.class).orElse(null))
                .map(String::strip).filter(text -> !text.isEmpty());
        if (!hasKeysUnder(environment, property)) {
            return value.map(Object.class::cast);
        }
        if (value.isPresent()) {
            throw new PilotConfigurationException(property, "given both as a value and as keys (" + property
                    + ".*); expected one of the two forms");
        }
        return Optional.ofNullable(binder.bind(property, Bindable.mapOf(String.class, Object.class)).orElse(null))
                .filter(map -> !map.isEmpty())
                .map(BackendProperties::block);
    }

    private static boolean hasKeysUnder(Environment environment, String property) {
        ConfigurationPropertyName name = ConfigurationPropertyName.of(property);
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (source.containsDescendantOf(name) == ConfigurationPropertyState.PRESENT) {
                return true;
            }
        }
        return false;
    }
}
