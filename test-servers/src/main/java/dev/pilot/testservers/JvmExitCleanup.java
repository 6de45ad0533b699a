package dev.pilot.testservers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The safety net behind every launcher: when the test JVM exits, kills each server process that
 * is still registered and deletes each server directory that is still registered, so no server
 * outlives its tests even when a test forgot to close it. One shutdown hook serves them all.
 * Thread-safe.
 */
final class JvmExitCleanup {

    private static final Set<ProcessHandle> PROCESSES = ConcurrentHashMap.newKeySet();
    private static final Set<Path> DIRECTORIES = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(JvmExitCleanup::cleanUp, "pilot-test-server-cleanup"));
    }

    private JvmExitCleanup() {}

    static void registerProcess(ProcessHandle process) {
        PROCESSES.add(process);
    }

    static void unregisterProcess(ProcessHandle process) {
        PROCESSES.remove(process);
    }

    static void registerDirectory(Path directory) {
        DIRECTORIES.add(directory);
    }

    static void unregisterDirectory(Path directory) {
        DIRECTORIES.remove(directory);
    }

    private static void cleanUp() {
        List<ProcessHandle> processes = List.copyOf(PROCESSES);
        processes.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle process : processes) {
            process.onExit().join();
        }
        DIRECTORIES.forEach(JvmExitCleanup::deleteQuietly);
    }

    /** Best effort: the JVM is exiting, there is nobody left to report a failure to. */
    private static void deleteQuietly(Path directory) {
        try (Stream<Path> tree = Files.walk(directory)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | RuntimeException e) {
            // leave what could not be deleted
        }
    }
}
