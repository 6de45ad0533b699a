package dev.pilot.bench.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The long fuzz run's figures, read from its surefire report: the tests run, how many failed,
 * how long it took, and the cases per test it was run with.
 */
record FuzzReport(int properties, int failures, int errors, double seconds, long casesPerProperty, String report) {

    private static final Pattern SUITE = Pattern.compile("<testsuite[^>]*?\\stime=\"([0-9.]+)\"[^>]*?\\stests=\"(\\d+)\""
            + "[^>]*?\\serrors=\"(\\d+)\"[^>]*?\\sfailures=\"(\\d+)\"");

    static FuzzReport read(Path report, long casesPerProperty) {
        try {
            String xml = Files.readString(report);
            Matcher suite = SUITE.matcher(xml);
            if (!suite.find()) {
                throw new IllegalStateException("no <testsuite> with time, tests, errors and failures in " + report);
            }
            return new FuzzReport(Integer.parseInt(suite.group(2)), Integer.parseInt(suite.group(4)),
                    Integer.parseInt(suite.group(3)), Double.parseDouble(suite.group(1)), casesPerProperty, report.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the fuzz report " + report + " (run the fuzz tests first)", e);
        }
    }
}
