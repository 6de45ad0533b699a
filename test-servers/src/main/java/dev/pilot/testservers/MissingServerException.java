package dev.pilot.testservers;

import java.io.Serial;
import org.opentest4j.TestAbortedException;

/**
 * A server binary that is nowhere to be found, outside CI: what a launcher throws instead of
 * starting the server (see {@link ServerBinaries}). Its message says how to get the binary.
 *
 * <p>It is an {@link TestAbortedException} from opentest4j, the neutral library of test-outcome
 * exceptions that JUnit, among others, reads: a test or class that hits it is reported as
 * skipped, not failed, and a program that is no test (a benchmark) stops with the message. This
 * module depends on that small library only, not on JUnit.
 */
public final class MissingServerException extends TestAbortedException {

    @Serial
    private static final long serialVersionUID = 1L;

    /** @param message how to get the missing binary */
    public MissingServerException(String message) {
        super(message);
    }
}
