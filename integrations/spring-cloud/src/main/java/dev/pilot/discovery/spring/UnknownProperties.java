package dev.pilot.discovery.spring;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Rejects, at start-up, a property under {@code pilot.discovery} that nothing reads: Spring
 * ignores unknown keys, so {@code pilot.discovery.service.tll=3s} would otherwise leave the TTL at
 * its default without a word. The valid names are {@link PilotDiscoveryProperties}' components
 * and the backends' names; a backend's own block ({@code pilot.discovery.consul.*}) is checked by
 * the backend. The message names the key as the user spelled it and the nearest valid one:
 * {@code pilot.discovery.locl: unknown backend; did you mean local?}.
 */
final class UnknownProperties {

    private static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of("pilot.discovery");

    private UnknownProperties() {}

    /**
     * Checks every property under {@code pilot.discovery} in {@code environment}.
     *
     * @param backends the backend names accepted as {@code pilot.discovery.<backend>}
     * @throws PilotConfigurationException naming the first unknown key
     */
    static void check(Environment environment, Collection<String> backends) {
        if (!(environment instanceof ConfigurableEnvironment configurable)) {
            return;
        }
        for (PropertySource<?> source : configurable.getPropertySources()) {
            if (!(source instanceof EnumerablePropertySource<?> enumerable)) {
                continue;
            }
            boolean variables = source instanceof SystemEnvironmentPropertySource;
            for (String property : enumerable.getPropertyNames()) {
                String spelled = variables ? property.toLowerCase(Locale.ROOT).replace('_', '.') : property;
                ConfigurationPropertyName name = ConfigurationPropertyName.adapt(spelled, '.');
                if (ROOT.isAncestorOf(name)) {
                    check(name, ROOT.getNumberOfElements(), PilotDiscoveryProperties.class, backends);
                }
            }
        }
    }

    private static void check(ConfigurationPropertyName name, int at, Class<?> group, Collection<String> backends) {
        String element = name.getElement(at, ConfigurationPropertyName.Form.UNIFORM);
        for (RecordComponent component : group.getRecordComponents()) {
            if (NearestName.uniform(component.getName()).equals(element)) {
                checkBelow(name, at, component);
                return;
            }
        }
        if (group == PilotDiscoveryProperties.class && backends.stream().anyMatch(backend -> NearestName.uniform(backend).equals(element))) {
            return;
        }
        List<String> keys = new ArrayList<>();
        for (RecordComponent component : group.getRecordComponents()) {
            keys.add(NearestName.kebab(component.getName()));
        }
        Collection<String> candidates = group == PilotDiscoveryProperties.class ? concat(keys, backends) : keys;
        String typed = name.getElement(at, ConfigurationPropertyName.Form.ORIGINAL);
        Optional<String> nearest = NearestName.of(typed, candidates);
        String message;
        if (nearest.isPresent()) {
            message = (backends.contains(nearest.get()) && !keys.contains(nearest.get()) ? "unknown backend" : "unknown key")
                    + "; did you mean " + nearest.get() + "?";
        } else if (group == PilotDiscoveryProperties.class) {
            message = "unknown key; expected one of " + keys + " or a backend " + Set.copyOf(backends).stream().sorted().toList();
        } else {
            message = "unknown key; expected one of " + keys;
        }
        throw new PilotConfigurationException(spelled(name, at), message);
    }

    private static void checkBelow(ConfigurationPropertyName name, int at, RecordComponent component) {
        int next = at + 1;
        if (name.getNumberOfElements() == next) {
            return;
        }
        Class<?> type = component.getType();
        if (type.isRecord()) {
            check(name, next, type, List.of());
        } else if (List.class.isAssignableFrom(type)) {
            if (!name.isNumericIndex(next) || name.getNumberOfElements() > next + 1) {
                throw new PilotConfigurationException(spelled(name, name.getNumberOfElements() - 1),
                        "unknown key; " + spelled(name, at) + " is a list: give it as a value (a,b) or by index ([0], [1])");
            }
        } else if (!java.util.Map.class.isAssignableFrom(type) || !hasStringValues(component)
                || name.getNumberOfElements() > next + 1) {
            throw new PilotConfigurationException(spelled(name, next), "unknown key; "
                    + spelled(name, at) + (java.util.Map.class.isAssignableFrom(type) ? " takes one level of keys" : " takes a value, not keys"));
        }
    }

    private static boolean hasStringValues(RecordComponent component) {
        Type type = component.getGenericType();
        return type instanceof ParameterizedType parameterized
                && parameterized.getActualTypeArguments()[1] == String.class;
    }

    /** The name up to element {@code last}, as the user wrote it. */
    private static String spelled(ConfigurationPropertyName name, int last) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i <= last; i++) {
            String element = name.getElement(i, ConfigurationPropertyName.Form.ORIGINAL);
            if (name.isNumericIndex(i)) {
                out.append('[').append(element).append(']');
            } else {
                out.append(i == 0 ? "" : ".").append(element);
            }
        }
        return out.toString();
    }

    private static List<String> concat(List<String> keys, Collection<String> backends) {
        List<String> all = new ArrayList<>(keys);
        all.addAll(backends);
        return all;
    }
}
