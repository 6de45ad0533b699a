package dev.pilot.agent.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * A seeded generator of test values: the same random source always draws the same value, so a
 * case is replayed from its seed alone.
 */
@FunctionalInterface
interface Gen<T> {

    T draw(SplittableRandom random);

    default <R> Gen<R> map(Function<? super T, ? extends R> f) {
        return random -> f.apply(draw(random));
    }

    default Gen<List<T>> list(int min, int max) {
        return random -> {
            int size = random.nextInt(min, max + 1);
            List<T> list = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                list.add(draw(random));
            }
            return list;
        };
    }

    @SafeVarargs
    static <T> Gen<T> of(T... values) {
        List<T> copy = Arrays.asList(values.clone());
        return random -> copy.get(random.nextInt(copy.size()));
    }

    static <T> Gen<T> of(List<T> values) {
        List<T> copy = List.copyOf(values);
        return random -> copy.get(random.nextInt(copy.size()));
    }

    @SafeVarargs
    static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
        List<Gen<? extends T>> copy = List.of(gens);
        return random -> copy.get(random.nextInt(copy.size())).draw(random);
    }

    /** {@code weightA} in {@code weightA + weightB + weightC} draws from {@code a}, and so on. */
    static <T> Gen<T> weighted(int weightA, Gen<? extends T> a, int weightB, Gen<? extends T> b, int weightC, Gen<? extends T> c) {
        return random -> {
            int pick = random.nextInt(weightA + weightB + weightC);
            return pick < weightA ? a.draw(random) : pick < weightA + weightB ? b.draw(random) : c.draw(random);
        };
    }

    static Gen<Integer> ints(int from, int toInclusive) {
        return random -> random.nextInt(from, toInclusive + 1);
    }

    /** Any int, the edges ({@code 0}, {@code ±1}, {@code MIN_VALUE}, {@code MAX_VALUE}) one time in four. */
    static Gen<Integer> anyInt() {
        Gen<Integer> edge = of(0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE);
        return random -> random.nextInt(4) == 0 ? edge.draw(random) : random.nextInt();
    }

    /** Any long, the edges one time in four. */
    static Gen<Long> anyLong() {
        Gen<Long> edge = of(0L, 1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE);
        return random -> random.nextInt(4) == 0 ? edge.draw(random) : random.nextLong();
    }

    /**
     * Strings of up to {@code maxLength} chars: printable ASCII, control characters, or any UTF-16
     * unit (lone surrogates included), mixed within one string.
     */
    static Gen<String> strings(int maxLength) {
        return random -> {
            int length = random.nextInt(maxLength + 1);
            StringBuilder s = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                s.append(switch (random.nextInt(3)) {
                    case 0 -> (char) random.nextInt(0x20, 0x7f);
                    case 1 -> (char) random.nextInt(0x20);
                    default -> (char) random.nextInt(Character.MAX_VALUE + 1);
                });
            }
            return s.toString();
        };
    }

    /** Maps of up to {@code maxSize} entries (fewer when keys repeat), in drawing order. */
    static <K, V> Gen<Map<K, V>> maps(Gen<K> keys, Gen<V> values, int maxSize) {
        return random -> {
            int size = random.nextInt(maxSize + 1);
            Map<K, V> map = new LinkedHashMap<>();
            for (int i = 0; i < size; i++) {
                map.put(keys.draw(random), values.draw(random));
            }
            return map;
        };
    }
}
