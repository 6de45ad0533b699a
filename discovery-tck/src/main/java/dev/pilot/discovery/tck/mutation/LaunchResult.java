package dev.pilot.discovery.tck.mutation;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/** What one launcher run of the suite did: the tests that failed, and containers that broke. */
final class LaunchResult implements TestExecutionListener {

    private final List<String> failed = new CopyOnWriteArrayList<>();
    private final java.util.Set<String> failedTests = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final List<String> broken = new CopyOnWriteArrayList<>();
    private final AtomicInteger ran = new AtomicInteger();

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (test.isTest()) {
            ran.incrementAndGet();
        }
        if (result.getStatus() != TestExecutionResult.Status.FAILED) {
            return; // passed, or aborted by an assumption (a test that does not apply): no kill
        }
        String why = result.getThrowable().map(LaunchResult::firstLine).orElse(result.getStatus().toString());
        if (test.isTest()) {
            failed.add(name(test) + " (" + why + ")");
            failedTests.add(name(test));
        } else {
            broken.add(test.getDisplayName() + ": " + why);
        }
    }

    /** The failed tests, as {@code Nested#method (first line of the failure)}. */
    List<String> failed() {
        return List.copyOf(failed);
    }

    /** The failed tests, as {@code Nested#method}. */
    java.util.Set<String> failedTests() {
        return java.util.Set.copyOf(failedTests);
    }

    /** Containers (a class, its server) that failed: the suite did not really run. */
    List<String> broken() {
        return List.copyOf(broken);
    }

    int ran() {
        return ran.get();
    }

    private static String name(TestIdentifier test) {
        return test.getSource()
                .filter(MethodSource.class::isInstance)
                .map(MethodSource.class::cast)
                .map(source -> source.getClassName().substring(source.getClassName().lastIndexOf('$') + 1)
                        + "#" + source.getMethodName())
                .orElse(test.getDisplayName());
    }

    private static String firstLine(Throwable failure) {
        String text = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        String line = text.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse(text);
        return line.length() > 110 ? line.substring(0, 107) + "..." : line;
    }
}
