package dev.pilot.testservers;

/**
 * A {@link TestServer} that is one process of its own, so a test can crash it or hang it as
 * a machine would: SIGKILL, SIGSTOP and SIGCONT, sent by its launcher to its own process id.
 * Thread-safe.
 */
public interface ProcessServer extends TestServer {

    /** SIGKILLs the server at once, as a crash; its data (where it keeps any) stays for {@link #start()}. */
    void kill();

    /**
     * SIGSTOPs the server: it keeps its ports open but answers nothing, as a hung server would.
     *
     * @throws IllegalStateException when the server does not run
     */
    void freeze();

    /**
     * SIGCONTs a frozen server: it runs again.
     *
     * @throws IllegalStateException when the server does not run
     */
    void thaw();
}
