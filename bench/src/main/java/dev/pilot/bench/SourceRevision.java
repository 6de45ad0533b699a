package dev.pilot.bench;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The commit the measured code was built from, as git names it, marked when the work tree had changes. */
public final class SourceRevision {

    private SourceRevision() {}

    /** {@code abcdef123456}, {@code abcdef123456 with uncommitted changes}, or {@code unknown} outside a git work tree. */
    public static String current() {
        String commit = git("rev-parse", "--short=12", "HEAD");
        if (commit.isEmpty()) {
            return "unknown";
        }
        return git("status", "--porcelain", "--untracked-files=no").isEmpty() ? commit : commit + " with uncommitted changes";
    }

    private static String git(String... arguments) {
        try {
            List<String> command = new java.util.ArrayList<>(List.of("git"));
            command.addAll(List.of(arguments));
            Process git = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String output = new String(git.getInputStream().readAllBytes()).strip();
            return git.waitFor(30, TimeUnit.SECONDS) && git.exitValue() == 0 ? output : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
