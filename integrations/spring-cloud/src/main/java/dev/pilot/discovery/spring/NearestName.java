package dev.pilot.discovery.spring;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * The valid name nearest to a mistyped one, for "did you mean" in error messages. Names compare
 * as Spring's relaxed binding does (case and dashes ignored); the distance counts insertions,
 * deletions, substitutions and swaps of two neighbours (optimal string alignment), and a name
 * further than a third of the typed length (at least 1, at most 2) is no suggestion.
 */
final class NearestName {

    private NearestName() {}

    /** The candidate nearest to {@code typed}, if one is near enough to be a likely typo. */
    static Optional<String> of(String typed, Collection<String> candidates) {
        String wanted = uniform(typed);
        int limit = Math.max(1, Math.min(2, wanted.length() / 3));
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = distance(wanted, uniform(candidate));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return bestDistance <= limit ? Optional.of(best) : Optional.empty();
    }

    /** Lower case without dashes: how Spring's relaxed binding compares names. */
    static String uniform(String name) {
        return name.replace("-", "").toLowerCase(Locale.ROOT);
    }

    /** {@code watchWait} as {@code watch-wait}: the kebab-case of a camelCase name. */
    static String kebab(String camel) {
        StringBuilder out = new StringBuilder(camel.length() + 4);
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('-').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
