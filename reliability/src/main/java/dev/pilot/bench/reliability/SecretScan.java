package dev.pilot.bench.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Searches logs for the credentials the tests use. The credentials are read from the test
 * sources themselves (string literals given to a token, password, passphrase or secret), so a
 * new test's credential is searched for without being listed; the logs are the test reports
 * (surefire and failsafe output), the servers' and the agent's logs under the given folders.
 */
final class SecretScan {

    /** A credential found in a log. */
    record Hit(String log, String credential) {}

    /**
     * The credentials, the logs searched, where credentials were found, and the credentials that
     * main sources also use as a plain name (e.g. a server's node name), which a log cannot tell
     * apart and which are therefore not searched for.
     */
    record Result(Set<String> credentials, int logs, List<Hit> hits, Set<String> ambiguous) {}

    /**
     * A literal of six or more characters given to a secret-bearing name: a constant or variable
     * ({@code PASSWORD = "…"}), a map entry ({@code "password", "…"}) or a JSON field ({@code \"token\": \"…\"}).
     */
    private static final Pattern CREDENTIAL = Pattern.compile("(?i)(?:"
            + "\\w*(?:token|password|passwd|passphrase|secret)\\w*\\s*=\\s*"
            + "|(?:token|password|passwd|passphrase|secret)\\w*\\\\?\"\\s*[:,]\\s*\\\\?)"
            + "\"([A-Za-z0-9._~+=][A-Za-z0-9._~+/=-]{4,}[A-Za-z0-9._~+/=])\\\\?\"");
    /** Words that are names, not credentials. */
    private static final Set<String> NOT_CREDENTIALS = Set.of("password", "token", "secret", "passphrase", "string",
            "digest", "anonymous");

    private SecretScan() {}

    static Result scan(Path sources, List<Path> logRoots) {
        Set<String> credentials = credentials(sources);
        Set<String> ambiguous = new TreeSet<>();
        String mainSources = mainSources(sources);
        for (String credential : credentials) {
            if (mainSources.contains("\"" + credential + "\"")) {
                ambiguous.add(credential);
            }
        }
        credentials.removeAll(ambiguous);
        List<Path> logs = new ArrayList<>();
        for (Path root : logRoots) {
            logs.addAll(logs(root));
        }
        List<Hit> hits = new ArrayList<>();
        for (Path log : logs) {
            String text = read(log);
            for (String credential : credentials) {
                if (text.contains(credential)) {
                    hits.add(new Hit(log.toString(), credential));
                }
            }
        }
        return new Result(credentials, logs.size(), hits, ambiguous);
    }

    private static String mainSources(Path root) {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(p -> p.toString().contains("/src/main/") && p.toString().endsWith(".java")
                            && !p.toString().contains("/reliability/"))
                    .forEach(p -> all.append(read(p)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all.toString();
    }

    static Set<String> credentials(Path root) {
        Set<String> found = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(p -> p.toString().contains("/src/test/") && !p.toString().contains("/target/")
                    && p.toString().endsWith(".java")).toList()) {
                Matcher matcher = CREDENTIAL.matcher(read(file));
                while (matcher.find()) {
                    String value = matcher.group(1);
                    if (!NOT_CREDENTIALS.contains(value.toLowerCase(java.util.Locale.ROOT))) {
                        found.add(value);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    private static List<Path> logs(Path root) {
        if (!Files.exists(root)) {
            return List.of();
        }
        if (Files.isRegularFile(root)) {
            return List.of(root); // named explicitly: searched whatever its name
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> {
                        String name = p.getFileName().toString();
                        return name.endsWith(".log") || name.endsWith("-output.txt") || name.endsWith(".out")
                                || name.endsWith(".err") || (p.toString().contains("-reports/") && name.endsWith(".txt"));
                    })
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
