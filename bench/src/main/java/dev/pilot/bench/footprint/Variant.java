package dev.pilot.bench.footprint;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A set of JVM flags the agent's footprint is measured with; {@code aot} adds the JDK 25 AOT
 * cache trained by a run of the agent.
 */
record Variant(String name, List<String> flags, boolean aot) {

    /** The flags of the agent's launcher, {@code agent/bin/pilot}. */
    static final List<String> LAUNCHER = dev.pilot.bench.agent.AgentLaunch.FLAGS;

    static final List<Variant> ALL = List.of(
            new Variant("JVM defaults", List.of("--enable-native-access=ALL-UNNAMED"), false),
            new Variant("launcher flags", LAUNCHER, false),
            new Variant("launcher flags + AOT cache", LAUNCHER, true),
            new Variant("launcher flags + AOT cache, interpreter only", concat(LAUNCHER, "-Xint"), true));

    Variant {
        flags = List.copyOf(flags);
    }

    List<String> flags(Path aotCache) {
        return aot ? concat(flags, "-XX:AOTCache=" + aotCache) : flags;
    }

    String describeFlags() {
        return String.join(" ", flags) + (aot ? " -XX:AOTCache=pilot.aot" : "");
    }

    private static List<String> concat(List<String> flags, String... more) {
        List<String> all = new ArrayList<>(flags);
        all.addAll(List.of(more));
        return all;
    }
}
