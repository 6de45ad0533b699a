package dev.pilot.agent.config.template;

import dev.pilot.agent.config.template.Node.Branch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Executes parsed nodes against a root value, as Go's {@code text/template} executes a tree. */
final class Evaluator {

    private record Binding(String name, Object value) {}

    private final Functions functions;
    private final StringBuilder out = new StringBuilder();
    private final List<Binding> variables = new ArrayList<>();

    Evaluator(Functions functions) {
        this.functions = functions;
    }

    String run(List<Node> nodes, Object root) {
        variables.add(new Binding("$", root));
        walk(nodes, root);
        return out.toString();
    }

    private void walk(List<Node> nodes, Object dot) {
        for (Node node : nodes) {
            switch (node) {
                case Node.Text text -> out.append(text.text());
                case Node.Action action -> {
                    Object value = pipeline(action.pipeline(), dot);
                    if (action.pipeline().variables().isEmpty()) {
                        out.append(GoValues.print(value));
                    }
                }
                case Branch branch -> branch(branch, dot);
            }
        }
    }

    private void branch(Branch branch, Object dot) {
        int mark = variables.size();
        try {
            if (branch.kind() == Branch.Kind.RANGE) {
                range(branch, dot);
                return;
            }
            Object value = pipeline(branch.pipeline(), dot);
            if (GoValues.truth(value)) {
                walk(branch.then(), branch.kind() == Branch.Kind.WITH ? value : dot);
            } else {
                walk(branch.otherwise(), dot);
            }
        } finally {
            truncate(mark);
        }
    }

    private void range(Branch branch, Object dot) {
        Node.Pipeline pipeline = branch.pipeline();
        Object value = pipeline(new Node.Pipeline(List.of(), false, pipeline.commands(), pipeline.line()), dot);
        List<Object[]> items = new ArrayList<>();
        switch (value) {
            case null -> { }
            // A missing environment variable is "": ranging over it is ranging over nothing.
            case String text when text.isEmpty() -> { }
            case List<?> list -> {
                for (int i = 0; i < list.size(); i++) {
                    items.add(new Object[] {(long) i, list.get(i)});
                }
            }
            case Map<?, ?> map -> new TreeMap<>(map).forEach((k, v) -> items.add(new Object[] {k, v}));
            case Long count -> {
                for (long i = 0; i < count; i++) {
                    items.add(new Object[] {i, i});
                }
            }
            default -> throw error(pipeline.line(), "range can't iterate over " + GoValues.print(value));
        }
        if (items.isEmpty()) {
            walk(branch.otherwise(), dot);
            return;
        }
        int mark = variables.size();
        for (Object[] item : items) {
            List<String> names = pipeline.variables();
            if (names.size() == 1) {
                bind(names.getFirst(), item[1], pipeline.declares());
            } else if (names.size() == 2) {
                bind(names.get(0), item[0], pipeline.declares());
                bind(names.get(1), item[1], pipeline.declares());
            }
            walk(branch.then(), item[1]);
            truncate(mark);
        }
    }

    private Object pipeline(Node.Pipeline pipeline, Object dot) {
        Object value = null;
        boolean piped = false;
        for (Node.Command command : pipeline.commands()) {
            value = command(command, dot, value, piped, pipeline.line());
            piped = true;
        }
        for (String name : pipeline.variables()) {
            bind(name, value, pipeline.declares());
        }
        return value;
    }

    private Object command(Node.Command command, Object dot, Object piped, boolean hasPiped, int line) {
        Node.Operand head = command.operands().getFirst();
        if (head instanceof Node.Function function) {
            List<Object> args = new ArrayList<>();
            for (Node.Operand operand : command.operands().subList(1, command.operands().size())) {
                args.add(operand(operand, dot, line));
            }
            if (hasPiped) {
                args.add(piped);
            }
            try {
                return functions.call(function.name(), args);
            } catch (TemplateException e) {
                throw e.getMessage().startsWith("line ") ? e : error(line, e.getMessage());
            }
        }
        if (command.operands().size() > 1 || hasPiped) {
            throw error(line, "can't give argument to non-function " + describe(head));
        }
        return operand(head, dot, line);
    }

    private Object operand(Node.Operand operand, Object dot, int line) {
        return switch (operand) {
            case Node.Field field -> fields(dot, field.names(), line);
            case Node.Variable variable -> fields(lookup(variable.name(), line), variable.fields(), line);
            case Node.Constant constant -> constant.value();
            case Node.Nested nested -> fields(pipeline(nested.pipeline(), dot), nested.fields(), line);
            case Node.Function function -> {
                try {
                    yield functions.call(function.name(), List.of());
                } catch (TemplateException e) {
                    throw error(line, e.getMessage());
                }
            }
        };
    }

    private Object fields(Object receiver, List<String> names, int line) {
        Object value = receiver;
        for (String name : names) {
            if (value instanceof Map<?, ?> map) {
                // A missing key of the environment (a map of strings) is the empty string, as in Go.
                Object found = map.get(name);
                value = found == null ? "" : found;
            } else {
                throw error(line, "can't evaluate field " + name + " in type " + GoValues.typeName(value));
            }
        }
        return value;
    }

    private Object lookup(String name, int line) {
        for (int i = variables.size() - 1; i >= 0; i--) {
            if (variables.get(i).name().equals(name)) {
                return variables.get(i).value();
            }
        }
        throw error(line, "undefined variable \"" + name + "\"");
    }

    private void bind(String name, Object value, boolean declare) {
        if (!declare) {
            for (int i = variables.size() - 1; i >= 0; i--) {
                if (variables.get(i).name().equals(name)) {
                    variables.set(i, new Binding(name, value));
                    return;
                }
            }
        }
        variables.add(new Binding(name, value));
    }

    private void truncate(int size) {
        while (variables.size() > size) {
            variables.removeLast();
        }
    }

    private static String describe(Node.Operand operand) {
        return switch (operand) {
            case Node.Field field -> field.names().isEmpty() ? "." : "." + String.join(".", field.names());
            case Node.Variable variable -> variable.name();
            case Node.Constant constant -> GoValues.print(constant.value());
            case Node.Nested ignored -> "(pipeline)";
            case Node.Function function -> function.name();
        };
    }

    private static TemplateException error(int line, String message) {
        return new TemplateException("line " + line + ": " + message);
    }
}
