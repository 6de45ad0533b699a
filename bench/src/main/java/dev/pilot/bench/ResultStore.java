package dev.pilot.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The folder of raw results: one JSON file per measurement, overwritten by each run. */
public final class ResultStore {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path directory;

    public ResultStore(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    /** Writes {@code result} to {@code <measurement>.json}. */
    public Path write(ResultFile<?> result) {
        Path file = directory.resolve(result.measurement() + ".json");
        try {
            Files.createDirectories(directory);
            JSON.writeValue(file.toFile(), result);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Reads {@code <measurement>.json}, if a run wrote it. */
    public <R> Optional<ResultFile<R>> read(String measurement, TypeReference<ResultFile<R>> type) {
        Path file = directory.resolve(measurement + ".json");
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), type));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (delete it and run the benchmark again)", e);
        }
    }
}
