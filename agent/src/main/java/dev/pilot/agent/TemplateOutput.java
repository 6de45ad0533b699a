package dev.pilot.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Where {@code -template} writes the rendered configuration: {@code -out -} or {@code -out file://PATH}. */
final class TemplateOutput {

    private TemplateOutput() {}

    /** Writes {@code rendered}; returns the exit code (1, with one line on stderr, if it cannot). */
    static int write(String rendered, String out) {
        if (out.equals("-")) {
            System.out.print(rendered);
            System.out.flush();
            return 0;
        }
        if (!out.startsWith("file://")) {
            System.err.println("-out: expected - or file://PATH, got '" + out + "'");
            return 1;
        }
        Path path = Path.of(out.substring("file://".length()));
        try {
            Files.writeString(path, rendered);
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system
        } catch (IOException e) {
            System.err.println("-out: cannot write " + path + ": " + e);
            return 1;
        }
        return 0;
    }
}
