package dev.pilot.bench.micro;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilot.discovery.Instance;
import dev.pilot.discovery.Upstream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import java.util.Optional;

/**
 * The Consul backend's decoder of {@code /v1/health/service} responses, found on the class path.
 * It is package-private in the backend, so it is looked up by name rather than compiled against:
 * the benchmarks keep building whatever the backend's internals become, and the decode benchmark
 * runs only while this finds it.
 */
final class ConsulHealthDecoder {

    static final String CLASS = "dev.pilot.discovery.consul.HealthEntries";
    static final String METHOD = "parse";

    private final MethodHandle parse;

    private ConsulHealthDecoder(MethodHandle parse) {
        this.parse = parse;
    }

    /** The decoder, or why there is none. */
    static Optional<ConsulHealthDecoder> find() {
        try {
            Class<?> entries = Class.forName(CLASS);
            var method = entries.getDeclaredMethod(METHOD, JsonNode.class, Upstream.class);
            method.setAccessible(true);
            MethodHandle handle = MethodHandles.lookup().unreflect(method);
            if (!java.lang.reflect.Modifier.isStatic(method.getModifiers())) {
                var constructor = entries.getDeclaredConstructor();
                constructor.setAccessible(true);
                handle = handle.bindTo(constructor.newInstance());
            }
            handle = handle.asType(MethodType.methodType(List.class, JsonNode.class, Upstream.class));
            return Optional.of(new ConsulHealthDecoder(handle));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return Optional.empty();
        }
    }

    @SuppressWarnings("unchecked")
    List<Instance> decode(JsonNode entries, Upstream upstream) {
        try {
            return (List<Instance>) parse.invokeExact(entries, upstream);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
