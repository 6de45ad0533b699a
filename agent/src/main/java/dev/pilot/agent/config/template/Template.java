package dev.pilot.agent.config.template;

import java.util.List;
import java.util.Map;

/**
 * A Go {@code text/template} as ContainerPilot applies it to its configuration and to the main
 * process's arguments: executed over the environment as a map of strings, so {@code {{ .HOST }}}
 * is the variable {@code HOST} and a missing variable is the empty string.
 *
 * <p>Supported: text and actions with {@code {{-} / {@code -}}} trimming and comments; fields,
 * variables ({@code $}, {@code $x := ...}, {@code $x = ...}), string (quoted and raw), number,
 * boolean and nil constants, parenthesized pipelines; {@code if}/{@code else if}/{@code else},
 * {@code with}, {@code range} (with {@code $i, $v :=}); Go's builtins {@code and or not len index
 * eq ne lt le gt ge print printf println}; ContainerPilot's {@code default split join replaceAll
 * regexReplaceAll}. Not supported ({@code define}, {@code template}, {@code block},
 * {@code break}, {@code continue}, methods) is a parse error, never silently ignored.
 *
 * <p>Immutable and thread-safe.
 */
public final class Template {

    private static final Functions FUNCTIONS = Functions.standard();

    private final List<Node> nodes;

    private Template(List<Node> nodes) {
        this.nodes = nodes;
    }

    /**
     * @throws TemplateException naming the line when {@code text} is not a valid template
     */
    public static Template parse(String text) {
        return new Template(Parser.parse(text, FUNCTIONS));
    }

    /**
     * Executes the template over {@code environment}.
     *
     * @throws TemplateException naming the line when a function fails or a value has the wrong type
     */
    public String render(Map<String, String> environment) {
        return new Evaluator(FUNCTIONS).run(nodes, environment);
    }

    /** Parses and executes {@code text} in one step. */
    public static String render(String text, Map<String, String> environment) {
        return parse(text).render(environment);
    }
}
