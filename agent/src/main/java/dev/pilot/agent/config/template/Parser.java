package dev.pilot.agent.config.template;

import dev.pilot.agent.config.template.Node.Branch;
import dev.pilot.agent.config.template.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/** Builds {@link Node}s from tokens with Go's grammar for the actions Pilot supports. */
final class Parser {

    private final List<Token> tokens;
    private final Functions functions;
    private int pos;
    private final List<List<String>> scopes = new ArrayList<>();

    private Parser(List<Token> tokens, Functions functions) {
        this.tokens = tokens;
        this.functions = functions;
        scopes.add(new ArrayList<>(List.of("$")));
    }

    static List<Node> parse(String text, Functions functions) {
        Parser parser = new Parser(Lexer.tokenize(text), functions);
        List<Node> nodes = new ArrayList<>();
        String end = parser.list(nodes);
        if (end != null) {
            throw parser.error(parser.peek(), "unexpected {{" + end + "}}");
        }
        return nodes;
    }

    /** Parses nodes until {{end}}, {{else}} or the end; returns "end", "else" or null (end of input). */
    private String list(List<Node> into) {
        while (true) {
            Token token = next();
            switch (token.kind()) {
                case EOF -> {
                    pos--; // stay on EOF so callers can report it
                    return null;
                }
                case TEXT -> into.add(new Node.Text(token.text()));
                case LEFT -> {
                    Token keyword = peek();
                    if (keyword.isKeyword("end") || keyword.isKeyword("else")) {
                        return keyword.text();
                    }
                    into.add(action());
                }
                default -> throw error(token, "unexpected " + token.describe());
            }
        }
    }

    private Node action() {
        Token keyword = peek();
        if (keyword.kind() == Kind.IDENTIFIER) {
            switch (keyword.text()) {
                case "if" -> {
                    next();
                    return branch(Branch.Kind.IF, keyword);
                }
                case "with" -> {
                    next();
                    return branch(Branch.Kind.WITH, keyword);
                }
                case "range" -> {
                    next();
                    return branch(Branch.Kind.RANGE, keyword);
                }
                case "define", "template", "block", "break", "continue" ->
                        throw error(keyword, "{{" + keyword.text() + "}} is not supported");
                default -> {
                    // a function call: parsed below
                }
            }
        }
        Node.Pipeline pipeline = pipeline(keyword.line(), false);
        expect(Kind.RIGHT, "in action");
        return new Node.Action(pipeline, keyword.line());
    }

    private Node branch(Branch.Kind kind, Token keyword) {
        scopes.add(new ArrayList<>());
        Node.Pipeline pipeline = pipeline(keyword.line(), kind == Branch.Kind.RANGE);
        expect(Kind.RIGHT, "in " + keyword.text());
        List<Node> then = new ArrayList<>();
        List<Node> otherwise = new ArrayList<>();
        String end = list(then);
        if (end == null) {
            throw error(peek(), "unexpected end of template in {{" + keyword.text() + "}}");
        }
        next(); // the "end" or "else" identifier
        if (end.equals("else")) {
            Token after = peek();
            if (kind != Branch.Kind.RANGE && (after.isKeyword("if") || after.isKeyword("with"))) {
                // {{else if ...}} is {{else}}{{if ...}}...{{end}}{{end}} sharing one {{end}}
                next();
                otherwise.add(branch(after.isKeyword("if") ? Branch.Kind.IF : Branch.Kind.WITH, after));
            } else {
                expect(Kind.RIGHT, "in {{else}}");
                if (list(otherwise) == null || !peek().isKeyword("end")) {
                    throw error(peek(), "expected {{end}} for {{" + keyword.text() + "}} of line " + keyword.line());
                }
                next();
                expect(Kind.RIGHT, "in {{end}}");
            }
        } else {
            expect(Kind.RIGHT, "in {{end}}");
        }
        scopes.removeLast();
        return new Branch(kind, pipeline, then, otherwise, keyword.line());
    }

    private Node.Pipeline pipeline(int line, boolean rangeMayDeclareTwo) {
        List<String> variables = new ArrayList<>();
        boolean declares = false;
        int mark = pos;
        if (peek().is(Kind.VARIABLE)) {
            variables.add(next().text());
            if (rangeMayDeclareTwo && peek().is(Kind.COMMA)) {
                next();
                variables.add(expect(Kind.VARIABLE, "in range declaration").text());
            }
            if (peek().is(Kind.DECLARE) || peek().is(Kind.ASSIGN)) {
                declares = next().is(Kind.DECLARE);
                if (declares) {
                    scopes.getLast().addAll(variables);
                } else {
                    variables.forEach(name -> requireDeclared(name, line));
                }
            } else {
                variables.clear();
                pos = mark;
            }
        }
        List<Node.Command> commands = new ArrayList<>();
        while (true) {
            commands.add(command());
            if (!peek().is(Kind.PIPE)) {
                break;
            }
            next();
        }
        return new Node.Pipeline(List.copyOf(variables), declares, List.copyOf(commands), line);
    }

    private Node.Command command() {
        List<Node.Operand> operands = new ArrayList<>();
        while (true) {
            Token token = peek();
            if (token.is(Kind.RIGHT) || token.is(Kind.PIPE) || token.is(Kind.RIGHT_PAREN) || token.is(Kind.EOF)) {
                break;
            }
            operands.add(operand());
        }
        if (operands.isEmpty()) {
            throw error(peek(), "missing value for command");
        }
        return new Node.Command(List.copyOf(operands));
    }

    private Node.Operand operand() {
        Token token = next();
        return switch (token.kind()) {
            case DOT -> new Node.Field(List.of());
            case FIELD -> new Node.Field(fields(token.text()));
            case VARIABLE -> {
                requireDeclared(token.text(), token.line());
                yield new Node.Variable(token.text(), fields(null));
            }
            case IDENTIFIER -> {
                if (!functions.has(token.text())) {
                    throw error(token, "function \"" + token.text() + "\" not defined");
                }
                yield new Node.Function(token.text());
            }
            case STRING -> new Node.Constant(token.text());
            case NUMBER -> new Node.Constant(number(token));
            case BOOL -> new Node.Constant(Boolean.parseBoolean(token.text()));
            case NIL -> new Node.Constant(null);
            case LEFT_PAREN -> {
                Node.Pipeline inner = pipeline(token.line(), false);
                expect(Kind.RIGHT_PAREN, "in parenthesized pipeline");
                yield new Node.Nested(inner, fields(null));
            }
            default -> throw error(token, "unexpected " + token.describe() + " in operand");
        };
    }

    /** The field chain starting with {@code first} (if any) and continuing with chained fields. */
    private List<String> fields(String first) {
        List<String> names = new ArrayList<>();
        if (first != null) {
            names.add(first);
        }
        while (peek().is(Kind.CHAIN)) {
            names.add(next().text());
        }
        return List.copyOf(names);
    }

    private static Object number(Token token) {
        String text = token.text().replace("_", "");
        try {
            if (text.matches("[-+]?0[xX][0-9a-fA-F]+")) {
                boolean negative = text.startsWith("-");
                long value = Long.parseLong(text.replaceFirst("^[-+]?0[xX]", ""), 16);
                return negative ? -value : value;
            }
            if (text.matches("[-+]?\\d+")) {
                return Long.parseLong(text);
            }
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new TemplateException("line " + token.line() + ": bad number syntax: \"" + token.text() + "\"");
        }
    }

    private void requireDeclared(String name, int line) {
        for (List<String> scope : scopes) {
            if (scope.contains(name)) {
                return;
            }
        }
        throw new TemplateException("line " + line + ": undefined variable \"" + name + "\"");
    }

    private Token expect(Kind kind, String context) {
        Token token = next();
        if (!token.is(kind)) {
            throw error(token, "unexpected " + token.describe() + " " + context);
        }
        return token;
    }

    private Token next() {
        return tokens.get(pos++);
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private TemplateException error(Token token, String message) {
        return new TemplateException("line " + token.line() + ": " + message);
    }
}
