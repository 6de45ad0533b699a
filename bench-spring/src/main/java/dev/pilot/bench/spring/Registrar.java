package dev.pilot.bench.spring;

/** Puts an instance of {@code target} in a catalog and takes it out, the way the measured integration's writers do. */
interface Registrar extends AutoCloseable {

    void register(String id, int port);

    void deregister(String id, int port);

    @Override
    void close();
}
