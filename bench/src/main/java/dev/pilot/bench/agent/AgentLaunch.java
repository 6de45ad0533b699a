package dev.pilot.bench.agent;

import java.util.List;

/** The JVM flags the benchmarks run the agent with where flags are not what is measured: its launcher's. */
public final class AgentLaunch {

    private AgentLaunch() {}

    /** The flags of {@code agent/bin/pilot}. */
    public static final List<String> FLAGS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-XX:ReservedCodeCacheSize=32m", "-Xms8m", "-Xmx48m", "-XX:TrimNativeHeapInterval=5000",
            "--enable-native-access=ALL-UNNAMED");
}
