package dev.pilot.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What git says about the code a result measured, in a repository made for the test. */
class MeasuredCodeTest {

    @TempDir
    Path repository;

    @Test
    void aChangeToAnyBackendsCodeMakesEveryMeasurementOutOfDate() throws Exception {
        write("backends/etcd/src/main/java/Etcd.java", "class Etcd {}");
        write("bench/results/scale.json", "{}");
        String measured = firstCommit();
        MeasuredCode code = new MeasuredCode(repository);

        write("bench/results/scale.json", "{\"again\": true}");
        write("BENCHMARKS.md", "a report");
        assertThat(code.head()).as("results and reports written by a run are not code").contains(measured);

        write("backends/etcd/src/main/java/Etcd.java", "class Etcd { int changed; }");
        assertThat(code.head()).as("a changed backend is").contains(measured + "+changes");
        git("commit", "-q", "-am", "a backend changed");

        assertThat(code.changesSince(measured, "scale")).contains(1);
        assertThat(code.changesSince(measured, "change-latency")).contains(1);
    }

    @Test
    void theAgentsLaunchFlagsDateEveryMeasurementThatRunsTheAgentAndNoOther() throws Exception {
        write("bench/src/main/java/dev/pilot/bench/agent/AgentLaunch.java", "class AgentLaunch { String flags = \"-Xmx64m\"; }");
        String measured = firstCommit();
        MeasuredCode code = new MeasuredCode(repository);

        write("bench/src/main/java/dev/pilot/bench/agent/AgentLaunch.java", "class AgentLaunch { String flags = \"-Xmx96m\"; }");
        git("commit", "-q", "-am", "the heap cap changed");

        for (String runsTheAgent : java.util.List.of("scale", "agent-footprint", "idle-load", "change-latency")) {
            assertThat(code.changesSince(measured, runsTheAgent)).as(runsTheAgent).contains(1);
        }
        assertThat(code.changesSince(measured, "change-detection")).as("micro-benchmarks of the library").contains(0);
    }

    @Test
    void theRoutingBenchmarksAreDatedByTheIntegrationsAndSaySoInTheirReports() throws Exception {
        write("integrations/grpc/src/main/java/Resolver.java", "class Resolver {}");
        String measured = firstCommit();
        MeasuredCode code = new MeasuredCode(repository);
        assertThat(code.staleness(measured, "grpc-routing")).as("nothing changed yet").isEmpty();

        write("integrations/grpc/src/main/java/Resolver.java", "class Resolver { int changed; }");
        git("commit", "-q", "-am", "the resolver changed");

        String line = "`scripts/bench grpc`, commit `" + measured + "`" + code.staleness(measured, "grpc-routing") + ", then";
        assertThat(line).contains(" · **code changed since: 1 commit**");
        assertThat(code.staleness(measured, "spring-routing")).contains("1 commit");
        assertThat(MeasuredCode.withoutStaleness(line)).isEqualTo("`scripts/bench grpc`, commit `" + measured + "`, then");
        assertThat(code.changesSince(measured, "change-detection")).as("not the library's micro-benchmarks").contains(0);
    }

    /** Commits what was written so far as the repository's first commit; returns the head a run would name. */
    private String firstCommit() throws Exception {
        git("init", "-q");
        git("add", ".");
        git("commit", "-q", "-m", "first");
        return new MeasuredCode(repository).head().orElseThrow();
    }

    private void write(String path, String text) throws IOException {
        Path file = repository.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private void git(String... arguments) throws Exception {
        String[] command = new String[arguments.length + 7];
        command[0] = "git";
        command[1] = "-C";
        command[2] = repository.toString();
        command[3] = "-c";
        command[4] = "user.name=test";
        command[5] = "-c";
        command[6] = "user.email=test@example.invalid";
        System.arraycopy(arguments, 0, command, 7, arguments.length);
        Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(git.getInputStream().readAllBytes());
        assertThat(git.waitFor()).as("git %s: %s", String.join(" ", arguments), output).isZero();
    }
}
