package dev.pilot.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The code a measurement's figures depend on, and what git says about it: the commit a run
 * measured, and how many commits changed that code since. Without git (or outside a repository)
 * every answer is empty and the report says nothing of it.
 */
public final class MeasuredCode {

    /**
     * Pilot's own code, measured by every measurement. Git pathspecs: a literal path covers what is
     * below it, a path with a wildcard must match whole file names, hence the trailing {@code *}.
     */
    private static final List<String> PILOT = List.of("discovery/src/main", "backends/*/src/main/*", "agent/src/main");

    /** How the benchmarks launch and find the agent: its JVM flags ({@code AgentLaunch.FLAGS}) among them. */
    private static final String AGENT = "bench/src/main/java/dev/pilot/bench/agent";
    /** The paths of the repository each measurement's figures depend on, beside {@link #PILOT}. */
    private static final Map<String, List<String>> PATHS = Map.of(
            "change-latency", List.of("bench/src/main/java/dev/pilot/bench/latency", "bench/src/main/java/dev/pilot/bench/catalog", AGENT),
            "idle-load", List.of("bench/src/main/java/dev/pilot/bench/idle", AGENT),
            "heartbeat-throughput", List.of("bench/src/main/java/dev/pilot/bench/throughput", "bench/src/main/java/dev/pilot/bench/catalog"),
            "change-detection", List.of("bench/src/main/java/dev/pilot/bench/micro"),
            "agent-footprint", List.of("bench/src/main/java/dev/pilot/bench/footprint", AGENT, "dist"),
            "scale", List.of("bench/src/main/java/dev/pilot/bench/scale", "bench/src/main/java/dev/pilot/bench/catalog", AGENT),
            "spring-routing", List.of("integrations", "bench-spring/src/main"),
            "grpc-routing", List.of("integrations", "bench-grpc/src/main"));
    /** How a figure measured before its code changed says so; the count depends on the history, not on the result. */
    private static final String STALE_OPEN = "**code changed since: ";
    private static final Pattern STALE = Pattern.compile(" · " + Pattern.quote(STALE_OPEN) + "\\d+ commits?\\*\\*");
    private static final Duration GIT_TIMEOUT = Duration.ofSeconds(20);

    private final Path repository;

    public MeasuredCode(Path repository) {
        this.repository = repository;
    }

    /** The code of the repository holding the working directory (a module's or the repository's own folder). */
    public static MeasuredCode ofWorkingDirectory() {
        return new MeasuredCode(repositoryOf(Path.of("")));
    }

    /** The paths whose changes make {@code measurement}'s figures out of date. */
    public static List<String> paths(String measurement) {
        List<String> paths = new ArrayList<>(PILOT);
        paths.addAll(PATHS.getOrDefault(measurement, List.of()));
        return paths;
    }

    /**
     * The commit checked out now, with {@code +changes} when the working tree differs from it;
     * the results and reports that measuring writes (bench/results, the Markdown files) do not
     * count, so a second run after a first one's results names the same commit.
     */
    public Optional<String> head() {
        Optional<String> commit = git("rev-parse", "--short=10", "HEAD");
        Optional<String> changes = git("status", "--porcelain", "--untracked-files=no", "--", ".",
                ":(exclude)bench/results", ":(exclude)*.md");
        return commit.map(c -> changes.filter(s -> !s.isEmpty()).isPresent() ? c + "+changes" : c);
    }

    /** The last commit of the history checked out made before {@code isoInstant}: what a run then measured, probably. */
    public Optional<String> before(String isoInstant) {
        return git("rev-list", "-1", "--abbrev-commit", "--abbrev=10", "--before=" + isoInstant, "HEAD").filter(s -> !s.isEmpty());
    }

    /** The commits since {@code commit} that changed what {@code measurement} measures; empty when git cannot tell. */
    public Optional<Integer> changesSince(String commit, String measurement) {
        String base = commit.replace("+changes", "");
        List<String> command = new ArrayList<>(List.of("rev-list", "--count", base + "..HEAD", "--"));
        command.addAll(paths(measurement));
        return git(command.toArray(String[]::new)).flatMap(count -> {
            try {
                return Optional.of(Integer.parseInt(count));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    /**
     * What follows a result's commit in a report when the code {@code measurement} measures
     * changed after {@code commit}: {@code " · **code changed since: 3 commits**"}; empty otherwise,
     * and when git cannot tell.
     */
    public String staleness(String commit, String measurement) {
        return changesSince(commit, measurement).filter(n -> n > 0)
                .map(n -> " · " + STALE_OPEN + n + (n == 1 ? " commit" : " commits") + "**").orElse("");
    }

    /** {@code report} without its staleness marks: what a stored result gives whatever was committed since. */
    public static String withoutStaleness(String report) {
        return STALE.matcher(report).replaceAll("");
    }

    private Optional<String> git(String... arguments) {
        List<String> command = new ArrayList<>(List.of("git", "-C", repository.toString()));
        command.addAll(List.of(arguments));
        try {
            Process git = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = git.getInputStream().readAllBytes();
            if (!git.waitFor(GIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                git.destroyForcibly();
                return Optional.empty();
            }
            return git.exitValue() == 0 ? Optional.of(new String(out, StandardCharsets.UTF_8).strip()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The repository holding {@code start} (a folder with {@code .git}), or {@code start} itself. */
    public static Path repositoryOf(Path start) {
        for (Path at = start.toAbsolutePath(); at != null; at = at.getParent()) {
            if (Files.exists(at.resolve(".git"))) {
                return at;
            }
        }
        return start.toAbsolutePath();
    }
}
