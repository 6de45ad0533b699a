package dev.pilot.agent.config;

import dev.pilot.discovery.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the configuration comes from: {@code -config file:///etc/pilot.json} (a file, re-read on
 * each reload) or the JSON text itself (given by {@code -config} or {@code CONTAINERPILOT},
 * captured once at start).
 */
public sealed interface ConfigSource {

    String FILE_PREFIX = "file://";

    /** The raw text, before templating. */
    String read();

    record File(Path path) implements ConfigSource {
        @Override
        public String read() {
            try {
                return Files.readString(path);
            } catch (IOException e) {
                throw new ConfigException("config", "could not read " + path + ": " + e.getClass().getSimpleName()
                        + (e.getMessage() == null || e.getMessage().equals(path.toString()) ? "" : " " + e.getMessage()));
            }
        }

        @Override
        public String toString() {
            return FILE_PREFIX + path;
        }
    }

    record Inline(String text) implements ConfigSource {
        @Override
        public String read() {
            return text;
        }

        @Override
        public String toString() {
            return "inline config";
        }
    }

    /** {@code file://PATH} is a file; anything else is the configuration text. */
    static ConfigSource of(String value) {
        return value.startsWith(FILE_PREFIX) ? new File(Path.of(value.substring(FILE_PREFIX.length())))
                : new Inline(value);
    }
}
