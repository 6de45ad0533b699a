package dev.pilot.bench.micro;

import dev.pilot.discovery.Instance;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Healthy sets as a large catalog reports them: {@code size} instances of one service with
 * realistic ids, addresses, tags and metadata, in the catalog's order (not sorted by id), and the
 * same set with one instance re-addressed.
 */
final class HealthySets {

    private HealthySets() {}

    /** {@code size} instances, shuffled with a fixed seed so every run measures the same input. */
    static List<Instance> of(int size) {
        List<Instance> instances = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            instances.add(instance(i, 8080));
        }
        Collections.shuffle(instances, new Random(42));
        return List.copyOf(instances);
    }

    /** {@code set} with the instance in the middle of it moved to another port. */
    static List<Instance> withOneReaddressed(List<Instance> set) {
        List<Instance> changed = new ArrayList<>(set);
        int middle = set.size() / 2;
        Instance old = changed.get(middle);
        changed.set(middle, new Instance(old.id(), old.name(), old.address(), old.port() + 1, old.tags(), old.meta()));
        return List.copyOf(changed);
    }

    private static Instance instance(int i, int port) {
        String address = "10." + (i >> 16 & 0xff) + "." + (i >> 8 & 0xff) + "." + (i & 0xff);
        return new Instance(String.format("api-%06d", i), "api", address, port, List.of("blue", "v2"),
                Map.of("zone", "zone-" + (i % 3)));
    }
}
