package dev.pilot.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ConfigTreesTest {

    private static final int DRAWS = 20_000;

    /**
     * Every kind of target of every valid configuration is replaced in some draws: the values
     * inside the backend blocks, tags, interfaces and onChange lists (immutable leaves of the valid
     * configuration) as well as the rest.
     */
    @Test
    void everyKindOfTargetIsMutated() {
        Map<String, Integer> replaced = new TreeMap<>();
        Gen<ConfigTrees.MutatedConfig> mutations = ConfigTrees.agentConfigMutations();
        SplittableRandom random = new SplittableRandom(20261205L);
        for (int i = 0; i < DRAWS; i++) {
            mutations.draw(random).targets().forEach(target -> replaced.merge(target, 1, Integer::sum));
        }

        Map<String, Integer> counts = new TreeMap<>();
        for (String backend : List.of("local", "consul", "etcd", "zookeeper")) {
            ConfigTrees.targets(backend).forEach(target -> counts.put(target, replaced.getOrDefault(target, 0)));
        }
        System.out.println("[ConfigTreesTest] replacements per target in " + DRAWS + " draws: " + counts);
        assertThat(counts).as("targets of the valid configurations and how often a draw replaced them")
                .containsKeys("consul.address", "etcd.endpoints[]", "services[].tags[]", "services[].interfaces[]",
                        "backends[].onChange[]", "zookeeper.address", "local")
                .allSatisfy((target, count) -> assertThat(count).as("replacements of %s", target).isPositive());
    }

    @Test
    void aMutatedConfigurationLeavesTheValidOneAsItWas() {
        Object before = ConfigTrees.mutableCopy(ConfigTrees.valid("etcd"));
        ConfigTrees.agentConfigMutations().draw(new SplittableRandom(1));

        assertThat(ConfigTrees.valid("etcd")).isEqualTo(before);
    }
}
