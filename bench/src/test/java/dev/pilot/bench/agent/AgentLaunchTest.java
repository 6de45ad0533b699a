package dev.pilot.bench.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmarks run the agent as its launchers do: the tarball's flags file and the jar's script name the same flags. */
class AgentLaunchTest {

    @Test
    void theBenchmarksFlagsAreTheLaunchersFlags() throws Exception {
        List<String> tarball = Files.readAllLines(Path.of("../dist/src/main/dist/lib/pilot.jvm")).stream()
                .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        String script = Files.readString(Path.of("../agent/bin/pilot"));
        for (String flag : AgentLaunch.FLAGS) {
            assertThat(tarball).as("lib/pilot.jvm of the tarball").contains(flag);
            assertThat(script).as("agent/bin/pilot").contains(flag);
        }
    }
}
