package dev.pilot.agent.config.template;

import java.util.List;

/** A subset of Go's {@code fmt.Sprintf} for {@code printf}: verbs v s d q t f e g x X o c and %%. */
final class GoFormat {

    private GoFormat() {}

    static String sprintf(String format, List<Object> args) {
        StringBuilder out = new StringBuilder();
        int next = 0;
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i++);
            if (c != '%') {
                out.append(c);
                continue;
            }
            int start = i;
            while (i < format.length() && "+-# 0123456789.".indexOf(format.charAt(i)) >= 0) {
                i++;
            }
            if (i >= format.length()) {
                out.append("%!(NOVERB)");
                break;
            }
            String spec = format.substring(start, i);
            char verb = format.charAt(i++);
            if (verb == '%') {
                out.append('%');
                continue;
            }
            if (next >= args.size()) {
                out.append("%!").append(verb).append("(MISSING)");
                continue;
            }
            out.append(format(spec, verb, args.get(next++)));
        }
        if (next < args.size()) {
            out.append("%!(EXTRA ");
            for (int k = next; k < args.size(); k++) {
                out.append(k > next ? ", " : "").append(GoValues.typeName(args.get(k))).append('=')
                        .append(GoValues.print(args.get(k)));
            }
            out.append(')');
        }
        return out.toString();
    }

    private static String format(String spec, char verb, Object arg) {
        String flags = spec.replaceAll("[1-9.].*$", "");
        String width = spec.substring(flags.length());
        String javaSpec = "%" + flags.replace("#", "") + width;
        String textSpec = "%" + flags.replace("#", "").replace("0", "").replace("+", "") + width;
        try {
            return switch (verb) {
                case 'v', 's' -> String.format(textSpec + "s", GoValues.print(arg));
                case 'q' -> String.format(textSpec + "s", quote(GoValues.print(arg)));
                case 't' -> arg instanceof Boolean ? String.format(textSpec + "s", arg) : bad(verb, arg);
                case 'd' -> arg instanceof Long ? String.format(javaSpec + "d", arg) : bad(verb, arg);
                case 'x', 'X', 'o' -> {
                    String javaVerb = verb == 'o' ? "o" : String.valueOf(verb);
                    if (arg instanceof Long) {
                        yield String.format(javaSpec + javaVerb, arg);
                    }
                    if (arg instanceof String text && verb != 'o') {
                        StringBuilder hex = new StringBuilder();
                        for (byte b : text.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                            hex.append(String.format(verb == 'x' ? "%02x" : "%02X", b));
                        }
                        yield hex.toString();
                    }
                    yield bad(verb, arg);
                }
                case 'c' -> arg instanceof Long code ? new String(Character.toChars(code.intValue())) : bad(verb, arg);
                case 'f', 'e', 'g' -> arg instanceof Number number
                        ? String.format(javaSpec + verb, number.doubleValue())
                        : bad(verb, arg);
                default -> "%!" + verb + "(" + GoValues.typeName(arg) + "=" + GoValues.print(arg) + ")";
            };
        } catch (java.util.IllegalFormatException e) {
            return bad(verb, arg);
        }
    }

    private static String bad(char verb, Object arg) {
        return "%!" + verb + "(" + GoValues.typeName(arg) + "=" + GoValues.print(arg) + ")";
    }

    /** Go's {@code strconv.Quote} for printable text. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
