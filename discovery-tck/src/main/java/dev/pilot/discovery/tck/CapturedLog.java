package dev.pilot.discovery.tck;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Copies what is logged while it is open, still printing it. {@link #start()} copies
 * {@code System.err}, where the test binding (slf4j-simple) writes every logger's lines, the
 * servers' clients' included, as does the SPI's {@code System.Logger}; {@link #stdout()} copies
 * {@code System.out}, where Spring Boot's console logging writes. For checking what a log says, and
 * that no secret is ever logged.
 */
public final class CapturedLog implements AutoCloseable {

    private final PrintStream original;
    private final Consumer<PrintStream> restore;
    private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

    /** Copies {@code System.err}. */
    public CapturedLog() {
        this(System.err, System::setErr);
    }

    private CapturedLog(PrintStream original, Consumer<PrintStream> install) {
        this.original = original;
        this.restore = install;
        OutputStream tee = new OutputStream() {
            @Override
            public void write(int b) {
                original.write(b);
                synchronized (copy) {
                    copy.write(b);
                }
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                original.write(bytes, offset, length);
                synchronized (copy) {
                    copy.write(bytes, offset, length);
                }
            }
        };
        install.accept(new PrintStream(tee, true, StandardCharsets.UTF_8));
    }

    /** Starts copying {@code System.err}. */
    public static CapturedLog start() {
        return new CapturedLog();
    }

    /** Starts copying {@code System.out}. */
    public static CapturedLog stdout() {
        return new CapturedLog(System.out, System::setOut);
    }

    /** Everything logged so far. */
    public String text() {
        synchronized (copy) {
            return copy.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        restore.accept(original);
    }
}
