package dev.pilot.agent.config.template;

/**
 * Go's string literals in a template action: an interpreted one ({@code "a\tb"}, on one line, with
 * Go's backslash escapes: {@code n t r a b f v}, a backslash or a quote, and a code point in hex
 * after {@code x}, {@code u} or {@code U} with 2, 4 or 8 digits) and a raw one ({@code `a\tb`},
 * taken as written, across lines).
 */
final class StringLiteral {

    /**
     * A literal as read.
     *
     * @param value the string it stands for
     * @param end   the index just after its closing quote
     */
    record Read(String value, int end) {}

    private StringLiteral() {}

    /**
     * Reads the interpreted literal whose opening {@code "} is at {@code open}.
     *
     * @param line the template line it is on, for messages
     * @throws TemplateException when it is unterminated or holds a bad escape
     */
    static Read quoted(String input, int open, int line) {
        StringBuilder value = new StringBuilder();
        int i = open + 1;
        while (true) {
            if (i >= input.length() || input.charAt(i) == '\n') {
                throw Lexer.error(line, "unterminated quoted string");
            }
            char c = input.charAt(i);
            if (c == '"') {
                break;
            }
            if (c == '\\' && i + 1 < input.length()) {
                i = unescape(input, i + 1, line, value);
                continue;
            }
            value.append(c);
            i++;
        }
        return new Read(value.toString(), i + 1);
    }

    /**
     * Reads the raw literal whose opening back quote is at {@code open}.
     *
     * @throws TemplateException when it is unterminated
     */
    static Read raw(String input, int open, int line) {
        int close = input.indexOf('`', open + 1);
        if (close < 0) {
            throw Lexer.error(line, "unterminated raw quoted string");
        }
        return new Read(input.substring(open + 1, close), close + 1);
    }

    /** Appends the escape starting at {@code i} (just after the backslash); returns the next index. */
    private static int unescape(String input, int i, int line, StringBuilder value) {
        char c = input.charAt(i);
        switch (c) {
            case 'n' -> value.append('\n');
            case 't' -> value.append('\t');
            case 'r' -> value.append('\r');
            case '\\' -> value.append('\\');
            case '"' -> value.append('"');
            case '\'' -> value.append('\'');
            case 'a' -> value.append('\u0007');
            case 'b' -> value.append('\b');
            case 'f' -> value.append('\f');
            case 'v' -> value.append('\u000b');
            case 'x', 'u', 'U' -> {
                int digits = c == 'x' ? 2 : c == 'u' ? 4 : 8;
                if (i + 1 + digits > input.length()) {
                    throw Lexer.error(line, "bad escape in quoted string");
                }
                try {
                    value.appendCodePoint(Integer.parseInt(input.substring(i + 1, i + 1 + digits), 16));
                } catch (IllegalArgumentException e) {
                    throw Lexer.error(line, "bad escape in quoted string");
                }
                return i + 1 + digits;
            }
            default -> throw Lexer.error(line, "unknown escape \\" + c + " in quoted string");
        }
        return i + 1;
    }
}
