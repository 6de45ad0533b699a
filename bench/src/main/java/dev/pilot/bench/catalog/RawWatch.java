package dev.pilot.bench.catalog;

/** A running raw watch; {@link #close} stops it and its thread. */
public interface RawWatch extends AutoCloseable {
    @Override
    void close();
}
