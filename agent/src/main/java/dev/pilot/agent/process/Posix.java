package dev.pilot.agent.process;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * The few libc calls the JDK does not offer, through the FFM API: signalling a process group,
 * becoming a subreaper, and waiting for children the JDK did not start. Linux only; linked on
 * first use, so an agent that never needs them does not pay for it.
 */
final class Posix {

    static final int SIGKILL = 9;
    static final int SIGTERM = 15;

    private static final int P_ALL = 0;
    private static final int WNOHANG = 1;
    private static final int WEXITED = 4;
    private static final int WNOWAIT = 0x01000000;
    private static final int PR_SET_CHILD_SUBREAPER = 36;
    /** {@code sizeof(siginfo_t)} and the offset of {@code si_pid} on Linux. */
    private static final int SIGINFO_SIZE = 128;
    private static final int SI_PID_OFFSET = 16;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final MethodHandle KILL = handle("kill", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle WAITID = handle("waitid",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ValueLayout.ADDRESS, JAVA_INT));
    private static final MethodHandle WAITPID = handle("waitpid",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ValueLayout.ADDRESS, JAVA_INT));
    private static final MethodHandle PRCTL = handle("prctl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG));

    private Posix() {}

    private static MethodHandle handle(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(LIBC.find(name).orElseThrow(
                () -> new UnsupportedOperationException("libc has no " + name)), descriptor);
    }

    /** {@code kill(pid, signal)}; a negative pid signals the process group. Returns whether it was sent. */
    static boolean kill(long pid, int signal) {
        try {
            return (int) KILL.invokeExact((int) pid, signal) == 0;
        } catch (Throwable e) {
            throw new IllegalStateException("kill failed", e);
        }
    }

    /** Marks this process as the reaper of orphaned descendants, as PID 1 is. */
    static boolean becomeSubreaper() {
        try {
            return (int) PRCTL.invokeExact(PR_SET_CHILD_SUBREAPER, 1L, 0L, 0L, 0L) == 0;
        } catch (Throwable e) {
            throw new IllegalStateException("prctl failed", e);
        }
    }

    /**
     * The pid of a child that has exited and not been waited for, without reaping it
     * ({@code waitid(P_ALL, 0, &info, WEXITED | WNOHANG | WNOWAIT)}); 0 when there is none.
     */
    static int peekExitedChild() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment info = arena.allocate(SIGINFO_SIZE);
            int result = (int) WAITID.invokeExact(P_ALL, 0, info, WEXITED | WNOHANG | WNOWAIT);
            return result == 0 ? info.get(JAVA_INT, SI_PID_OFFSET) : 0;
        } catch (Throwable e) {
            throw new IllegalStateException("waitid failed", e);
        }
    }

    /** Reaps {@code pid} if it has exited ({@code waitpid(pid, &status, WNOHANG)}); returns whether it did. */
    static boolean reap(int pid) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment status = arena.allocate(JAVA_INT);
            return (int) WAITPID.invokeExact(pid, status, WNOHANG) == pid;
        } catch (Throwable e) {
            throw new IllegalStateException("waitpid failed", e);
        }
    }
}
