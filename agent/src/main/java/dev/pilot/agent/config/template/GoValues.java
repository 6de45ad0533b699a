package dev.pilot.agent.config.template;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Go's rules for template values, on the Java types a template sees ({@code String},
 * {@code Long}, {@code Double}, {@code Boolean}, {@code List}, {@code Map}, null): how they
 * print ({@code %v}), which are true, how they compare.
 */
final class GoValues {

    private GoValues() {}

    /** Go's {@code fmt.Sprint} of one value ({@code %v}). */
    static String print(Object value) {
        return switch (value) {
            case null -> "<no value>";
            case String text -> text;
            case Double number -> printFloat(number);
            case List<?> list -> {
                StringJoiner joined = new StringJoiner(" ", "[", "]");
                list.forEach(element -> joined.add(print(element)));
                yield joined.toString();
            }
            case Map<?, ?> map -> {
                StringJoiner joined = new StringJoiner(" ", "map[", "]");
                new TreeMap<>(map).forEach((k, v) -> joined.add(print(k) + ":" + print(v)));
                yield joined.toString();
            }
            default -> String.valueOf(value);
        };
    }

    /** {@code strconv.FormatFloat(f, 'g', -1, 64)} with {@code %v}'s exponent threshold of 21. */
    static String printFloat(double number) {
        if (Double.isNaN(number)) {
            return "NaN";
        }
        if (Double.isInfinite(number)) {
            return number > 0 ? "+Inf" : "-Inf";
        }
        if (number == 0) {
            return (1 / number < 0) ? "-0" : "0";
        }
        BigDecimal decimal = new BigDecimal(Double.toString(number)).stripTrailingZeros();
        int exponent = decimal.precision() - decimal.scale() - 1;
        if (exponent >= -4 && exponent < 21) {
            return decimal.toPlainString();
        }
        String digits = decimal.unscaledValue().abs().toString();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        String sign = exponent < 0 ? "-" : "+";
        int abs = Math.abs(exponent);
        return (number < 0 ? "-" : "") + mantissa + "e" + sign + (abs < 10 ? "0" : "") + abs;
    }

    /** Go's truth: false, 0, "", nil and empty collections are false. */
    static boolean truth(Object value) {
        return switch (value) {
            case null -> false;
            case Boolean b -> b;
            case String text -> !text.isEmpty();
            case Long number -> number != 0;
            case Double number -> number != 0;
            case List<?> list -> !list.isEmpty();
            case Map<?, ?> map -> !map.isEmpty();
            default -> true;
        };
    }

    /** Go's {@code eq} on basic values. */
    static boolean equal(String function, Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return x instanceof Long && y instanceof Long ? x.longValue() == y.longValue()
                    : x.doubleValue() == y.doubleValue();
        }
        if (a == null || b == null) {
            return a == b;
        }
        if (a.getClass() != b.getClass() || a instanceof List || a instanceof Map) {
            throw new TemplateException("error calling " + function + ": incompatible types for comparison");
        }
        return a.equals(b);
    }

    /** Go's ordering for {@code lt le gt ge}: numbers with numbers, strings with strings. */
    static int compare(String function, Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y);
        }
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        if (a instanceof String x && b instanceof String y) {
            return x.compareTo(y);
        }
        throw new TemplateException("error calling " + function + ": incompatible types for comparison");
    }

    /** The Go type name of a value, for messages. */
    static String typeName(Object value) {
        return switch (value) {
            case null -> "nil";
            case String ignored -> "string";
            case Long ignored -> "int";
            case Double ignored -> "float64";
            case Boolean ignored -> "bool";
            case List<?> ignored -> "[]string";
            case Map<?, ?> ignored -> "map[string]string";
            default -> value.getClass().getSimpleName();
        };
    }
}
