package dev.pilot.agent.config.template;

import java.util.List;

/** The parsed form of a template: Go's {@code text/template/parse} nodes that Pilot supports. */
sealed interface Node {

    /** Literal text, printed as is. */
    record Text(String text) implements Node {}

    /** {@code {{ pipeline }}}: evaluates and prints, unless the pipeline declares a variable. */
    record Action(Pipeline pipeline, int line) implements Node {}

    /** {@code if}, {@code with} or {@code range} with its two branches. */
    record Branch(Kind kind, Pipeline pipeline, List<Node> then, List<Node> otherwise, int line) implements Node {
        enum Kind { IF, WITH, RANGE }
    }

    /** {@code $a, $b := cmd | cmd}: variables (declared or assigned) and the commands piped together. */
    record Pipeline(List<String> variables, boolean declares, List<Command> commands, int line) {}

    /** One command of a pipeline: an operand, or a function and its arguments. */
    record Command(List<Operand> operands) {}

    /** An argument or the head of a command. */
    sealed interface Operand {}

    /** {@code .}, optionally followed by fields: {@code .A.B}. An empty list is the dot itself. */
    record Field(List<String> names) implements Operand {}

    /** {@code $} or {@code $name}, optionally followed by fields. */
    record Variable(String name, List<String> fields) implements Operand {}

    /** A function name. */
    record Function(String name) implements Operand {}

    /** A string, number, boolean or nil constant. */
    record Constant(Object value) implements Operand {}

    /** A parenthesized pipeline, optionally followed by fields. */
    record Nested(Pipeline pipeline, List<String> fields) implements Operand {}
}
