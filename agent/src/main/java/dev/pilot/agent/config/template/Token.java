package dev.pilot.agent.config.template;

/**
 * One lexical item of a template: literal text or a piece of an action. A {@code CHAIN} is a
 * field written directly after another operand ({@code .B} in {@code .A.B}), which continues it
 * rather than starting a new argument.
 */
record Token(Kind kind, String text, int line) {

    enum Kind {
        TEXT, LEFT, RIGHT, FIELD, CHAIN, DOT, VARIABLE, IDENTIFIER, STRING, NUMBER, BOOL, NIL,
        PIPE, LEFT_PAREN, RIGHT_PAREN, DECLARE, ASSIGN, COMMA, EOF
    }

    boolean is(Kind expected) {
        return kind == expected;
    }

    boolean isKeyword(String keyword) {
        return kind == Kind.IDENTIFIER && text.equals(keyword);
    }

    String describe() {
        return switch (kind) {
            case EOF -> "end of template";
            case RIGHT -> "\"}}\"";
            default -> "\"" + text + "\"";
        };
    }
}
