package dev.pilot.bench.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The long fuzz run's figures, read from its surefire report: the tests run, how many failed,
 * how long it took, the cases per test that were asked for (the {@code pilot.fuzz.cases} property
 * surefire recorded) and the cases each test says it ran ({@code [fuzz] N cases ran} on its
 * output). A report whose tests did not each run what was asked is refused, so an old or shorter
 * run cannot be relabelled.
 *
 * @param casesPerProperty the cases each test ran (all the same, or the report is refused)
 * @param casesChecked     whether {@code casesPerProperty} was checked against what ran (false in
 *                         figures stored before it was: there it is only the flag's value)
 */
record FuzzReport(int properties, int failures, int errors, double seconds, long casesPerProperty, String report,
                  boolean casesChecked) {

    private static final Pattern SUITE = Pattern.compile("<testsuite[^>]*?\\stime=\"([0-9.,]+)\"[^>]*?\\stests=\"(\\d+)\""
            + "[^>]*?\\serrors=\"(\\d+)\"[^>]*?\\sfailures=\"(\\d+)\"");
    private static final Pattern ASKED = Pattern.compile("<property name=\"pilot\\.fuzz\\.cases\" value=\"(\\d+)\"");
    private static final Pattern RAN = Pattern.compile("\\[fuzz] (\\d+) cases ran");

    /**
     * Reads {@code report}; {@code expected} is the cases per test the run was asked for.
     *
     * @throws IllegalStateException when the report was asked for another count, or a test ran
     *                               another count, or not every test says what it ran
     */
    static FuzzReport read(Path report, long expected) {
        String xml;
        try {
            xml = Files.readString(report);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the fuzz report " + report + " (run the fuzz tests first)", e);
        }
        return parse(xml, expected, report.toString());
    }

    static FuzzReport parse(String xml, long expected, String report) {
        Matcher suite = SUITE.matcher(xml);
        if (!suite.find()) {
            throw new IllegalStateException("no <testsuite> with time, tests, errors and failures in " + report);
        }
        int tests = Integer.parseInt(suite.group(2));
        int failures = Integer.parseInt(suite.group(4));
        int errors = Integer.parseInt(suite.group(3));
        Matcher asked = ASKED.matcher(xml);
        if (!asked.find() || Long.parseLong(asked.group(1)) != expected) {
            throw new IllegalStateException(report + ": pilot.fuzz.cases was " + (asked.find(0) ? asked.group(1) : "not set")
                    + ", expected " + expected);
        }
        List<Long> ran = new ArrayList<>();
        Matcher line = RAN.matcher(xml);
        while (line.find()) {
            ran.add(Long.parseLong(line.group(1)));
        }
        int finished = tests - failures - errors; // a failed test stops at its failing case and says nothing
        if (ran.size() != finished || ran.stream().anyMatch(count -> count != expected)) {
            throw new IllegalStateException(report + ": " + finished + " tests passed, and they say they ran " + ran
                    + " cases; expected " + expected + " each");
        }
        return new FuzzReport(tests, failures, errors, Double.parseDouble(suite.group(1).replace(",", "")), expected, report,
                true);
    }
}
