package dev.pilot.agent.config.template;

import dev.pilot.agent.config.template.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a template into tokens as Go's {@code text/template} does: text outside the
 * delimiters, actions inside, trim markers ({@code "{{- "} and {@code " -}}"}) removing the white
 * space next to them, comments dropped. String literals are read by {@link StringLiteral}.
 */
final class Lexer {

    private static final String LEFT = "{{";
    private static final String RIGHT = "}}";

    private final String input;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;
    private int line = 1;
    private int lastEnd = -1;

    private Lexer(String input) {
        this.input = input;
    }

    static List<Token> tokenize(String input) {
        Lexer lexer = new Lexer(input);
        lexer.run();
        return lexer.tokens;
    }

    private void run() {
        boolean trimNextText = false;
        while (pos < input.length()) {
            int open = input.indexOf(LEFT, pos);
            int end = open < 0 ? input.length() : open;
            boolean trimLeft = open >= 0 && trimMarkerAt(open + LEFT.length());
            String text = input.substring(pos, end);
            if (trimNextText) {
                text = stripLeading(text);
            }
            if (trimLeft) {
                text = stripTrailing(text);
            }
            if (!text.isEmpty()) {
                tokens.add(new Token(Kind.TEXT, text, line));
            }
            line += count(input, pos, end);
            if (open < 0) {
                pos = input.length();
                break;
            }
            pos = open + LEFT.length() + (trimLeft ? 2 : 0);
            trimNextText = action();
        }
        tokens.add(new Token(Kind.EOF, "", line));
    }

    /** Lexes one action after its opening delimiter; returns whether it ended with "-}}". */
    private boolean action() {
        int startLine = line;
        skipSpace();
        if (input.startsWith("/*", pos)) {
            int close = input.indexOf("*/", pos + 2);
            if (close < 0) {
                throw error(startLine, "unclosed comment");
            }
            line += count(input, pos, close);
            pos = close + 2;
            skipSpace();
            return closeAction(startLine, false);
        }
        tokens.add(new Token(Kind.LEFT, LEFT, line));
        while (true) {
            skipSpace();
            if (pos >= input.length()) {
                throw error(startLine, "unclosed action");
            }
            if (input.startsWith(RIGHT, pos) || (input.startsWith("-" + RIGHT, pos) && precededBySpace())) {
                return closeAction(startLine, true);
            }
            int start = pos;
            Token token = next();
            if (token.is(Kind.FIELD) && start == lastEnd && chainable(tokens.getLast())) {
                token = new Token(Kind.CHAIN, token.text(), token.line());
            }
            tokens.add(token);
            lastEnd = pos;
        }
    }

    private boolean closeAction(int startLine, boolean emit) {
        boolean trimRight = input.startsWith("-" + RIGHT, pos);
        if (!trimRight && !input.startsWith(RIGHT, pos)) {
            throw error(startLine, "unclosed comment or action");
        }
        pos += trimRight ? 3 : 2;
        if (emit) {
            tokens.add(new Token(Kind.RIGHT, RIGHT, line));
        }
        return trimRight;
    }

    private Token next() {
        char c = input.charAt(pos);
        switch (c) {
            case '|' -> {
                pos++;
                return new Token(Kind.PIPE, "|", line);
            }
            case '(' -> {
                pos++;
                return new Token(Kind.LEFT_PAREN, "(", line);
            }
            case ')' -> {
                pos++;
                return new Token(Kind.RIGHT_PAREN, ")", line);
            }
            case ',' -> {
                pos++;
                return new Token(Kind.COMMA, ",", line);
            }
            case '=' -> {
                pos++;
                return new Token(Kind.ASSIGN, "=", line);
            }
            case ':' -> {
                if (input.startsWith(":=", pos)) {
                    pos += 2;
                    return new Token(Kind.DECLARE, ":=", line);
                }
                throw error(line, "expected :=");
            }
            case '"' -> {
                return quoted();
            }
            case '`' -> {
                return raw();
            }
            case '.' -> {
                if (pos + 1 < input.length() && isWordChar(input.charAt(pos + 1))
                        && !Character.isDigit(input.charAt(pos + 1))) {
                    pos++;
                    return new Token(Kind.FIELD, word(), line);
                }
                if (pos + 1 < input.length() && Character.isDigit(input.charAt(pos + 1))) {
                    return number();
                }
                pos++;
                return new Token(Kind.DOT, ".", line);
            }
            case '$' -> {
                pos++;
                return new Token(Kind.VARIABLE, "$" + word(), line);
            }
            default -> {
                if (Character.isDigit(c) || ((c == '-' || c == '+') && pos + 1 < input.length()
                        && (Character.isDigit(input.charAt(pos + 1)) || input.charAt(pos + 1) == '.'))) {
                    return number();
                }
                if (isWordChar(c)) {
                    String word = word();
                    return switch (word) {
                        case "true", "false" -> new Token(Kind.BOOL, word, line);
                        case "nil" -> new Token(Kind.NIL, word, line);
                        default -> new Token(Kind.IDENTIFIER, word, line);
                    };
                }
                throw error(line, "unexpected \"" + c + "\" in action");
            }
        }
    }

    /** Whether a field written right after {@code previous} ("$x.A", ".A.B", "(..).A") continues it. */
    private static boolean chainable(Token previous) {
        return previous.is(Kind.FIELD) || previous.is(Kind.CHAIN) || previous.is(Kind.VARIABLE)
                || previous.is(Kind.RIGHT_PAREN);
    }

    private Token quoted() {
        StringLiteral.Read read = StringLiteral.quoted(input, pos, line);
        pos = read.end();
        return new Token(Kind.STRING, read.value(), line);
    }

    private Token raw() {
        StringLiteral.Read read = StringLiteral.raw(input, pos, line);
        line += count(input, pos, read.end() - 1);
        pos = read.end();
        return new Token(Kind.STRING, read.value(), line);
    }

    private Token number() {
        int start = pos;
        if (input.charAt(pos) == '-' || input.charAt(pos) == '+') {
            pos++;
        }
        while (pos < input.length() && (isWordChar(input.charAt(pos)) || input.charAt(pos) == '.'
                || ((input.charAt(pos) == '-' || input.charAt(pos) == '+')
                    && "eEpP".indexOf(input.charAt(pos - 1)) >= 0))) {
            pos++;
        }
        return new Token(Kind.NUMBER, input.substring(start, pos), line);
    }

    private String word() {
        int start = pos;
        while (pos < input.length() && isWordChar(input.charAt(pos))) {
            pos++;
        }
        return input.substring(start, pos);
    }

    private void skipSpace() {
        while (pos < input.length() && isSpace(input.charAt(pos))) {
            if (input.charAt(pos) == '\n') {
                line++;
            }
            pos++;
        }
    }

    private boolean trimMarkerAt(int index) {
        return input.startsWith("-", index) && index + 1 < input.length() && isSpace(input.charAt(index + 1));
    }

    private boolean precededBySpace() {
        return pos > 0 && isSpace(input.charAt(pos - 1));
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static String stripLeading(String text) {
        int i = 0;
        while (i < text.length() && isSpace(text.charAt(i))) {
            i++;
        }
        return text.substring(i);
    }

    private static String stripTrailing(String text) {
        int i = text.length();
        while (i > 0 && isSpace(text.charAt(i - 1))) {
            i--;
        }
        return text.substring(0, i);
    }

    private static int count(String text, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    /** A lexing error on {@code line}: {@code line N: message}. */
    static TemplateException error(int line, String message) {
        return new TemplateException("line " + line + ": " + message);
    }
}
