package dev.pilot.agent.process;

import java.util.Map;
import java.util.TreeMap;

/**
 * The environment the agent gives its children and its templates: the agent's own, plus the
 * {@code CONTAINERPILOT_*} variables it sets as it runs (a JVM cannot change its own environment,
 * so the agent keeps this copy, as ContainerPilot changed its process environment).
 *
 * <p>Thread-safe.
 */
public final class Environment {

    private final Map<String, String> variables;

    public Environment(Map<String, String> initial) {
        this.variables = new TreeMap<>(initial);
    }

    public static Environment ofThisProcess() {
        return new Environment(System.getenv());
    }

    public synchronized void set(String name, String value) {
        variables.put(name, value);
    }

    /** A copy of the current variables. */
    public synchronized Map<String, String> snapshot() {
        return Map.copyOf(variables);
    }

    /** {@code CONTAINERPILOT_<NAME>_<SUFFIX>}, upper-cased with dashes as underscores. */
    public static String variableName(String name, String suffix) {
        return "CONTAINERPILOT_" + name.toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_" + suffix;
    }
}
