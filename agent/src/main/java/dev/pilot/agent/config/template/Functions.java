package dev.pilot.agent.config.template;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The functions a template may call: Go's builtins ({@code and or not len index eq ne lt le gt
 * ge print printf println}) and ContainerPilot's ({@code default split join replaceAll
 * regexReplaceAll}). In a pipeline the piped value is the last argument.
 */
final class Functions {

    @FunctionalInterface
    interface Function {
        Object call(List<Object> args);
    }

    private record Entry(int minArgs, int maxArgs, Function function) {}

    private final Map<String, Entry> entries = new HashMap<>();

    static Functions standard() {
        Functions f = new Functions();
        f.add("and", 1, -1, args -> {
            for (Object arg : args.subList(0, args.size() - 1)) {
                if (!GoValues.truth(arg)) {
                    return arg;
                }
            }
            return args.getLast();
        });
        f.add("or", 1, -1, args -> {
            for (Object arg : args.subList(0, args.size() - 1)) {
                if (GoValues.truth(arg)) {
                    return arg;
                }
            }
            return args.getLast();
        });
        f.add("not", 1, 1, args -> !GoValues.truth(args.getFirst()));
        f.add("len", 1, 1, args -> length(args.getFirst()));
        f.add("index", 1, -1, Functions::index);
        f.add("eq", 2, -1, args -> {
            for (Object other : args.subList(1, args.size())) {
                if (GoValues.equal("eq", args.getFirst(), other)) {
                    return true;
                }
            }
            return false;
        });
        f.add("ne", 2, 2, args -> !GoValues.equal("ne", args.get(0), args.get(1)));
        f.add("lt", 2, 2, args -> GoValues.compare("lt", args.get(0), args.get(1)) < 0);
        f.add("le", 2, 2, args -> GoValues.compare("le", args.get(0), args.get(1)) <= 0);
        f.add("gt", 2, 2, args -> GoValues.compare("gt", args.get(0), args.get(1)) > 0);
        f.add("ge", 2, 2, args -> GoValues.compare("ge", args.get(0), args.get(1)) >= 0);
        f.add("print", 0, -1, Functions::sprint);
        f.add("println", 0, -1, args -> {
            List<String> printed = args.stream().map(GoValues::print).toList();
            return String.join(" ", printed) + "\n";
        });
        f.add("printf", 1, -1, args -> GoFormat.sprintf(string("printf", args.getFirst()), args.subList(1, args.size())));
        // ContainerPilot's own functions.
        f.add("default", 2, 2, args -> args.get(1) instanceof String text && !text.isEmpty()
                ? text : GoValues.print(args.get(0)));
        f.add("split", 2, 2, args -> split(string("split", args.get(1)), string("split", args.get(0))));
        f.add("join", 2, 2, args -> String.join(string("join", args.get(0)), strings("join", args.get(1))));
        f.add("replaceAll", 3, 3, args -> string("replaceAll", args.get(2))
                .replace(string("replaceAll", args.get(0)), string("replaceAll", args.get(1))));
        f.add("regexReplaceAll", 3, 3, args -> regexReplaceAll(string("regexReplaceAll", args.get(0)),
                string("regexReplaceAll", args.get(1)), string("regexReplaceAll", args.get(2))));
        return f;
    }

    private void add(String name, int minArgs, int maxArgs, Function function) {
        entries.put(name, new Entry(minArgs, maxArgs, function));
    }

    boolean has(String name) {
        return entries.containsKey(name);
    }

    Object call(String name, List<Object> args) {
        Entry entry = entries.get(name);
        if (args.size() < entry.minArgs() || (entry.maxArgs() >= 0 && args.size() > entry.maxArgs())) {
            String want = entry.maxArgs() == entry.minArgs() ? String.valueOf(entry.minArgs())
                    : entry.maxArgs() < 0 ? "at least " + entry.minArgs() : entry.minArgs() + " to " + entry.maxArgs();
            throw new TemplateException("wrong number of args for " + name + ": want " + want + " got " + args.size());
        }
        return entry.function().call(args);
    }

    /** Go's {@code strings.Split}: an empty separator splits into characters. */
    private static List<String> split(String text, String separator) {
        if (separator.isEmpty()) {
            return text.codePoints().mapToObj(Character::toString).toList();
        }
        return Arrays.asList(text.split(Pattern.quote(separator), -1));
    }

    /** {@code regexp.ReplaceAllString}, with Go's {@code $1}, {@code ${1}}, {@code $name} expansion. */
    private static String regexReplaceAll(String regex, String replacement, String text) {
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex.replace("(?P<", "(?<"));
        } catch (PatternSyntaxException e) {
            throw new TemplateException("error calling regexReplaceAll: invalid regular expression \"" + regex + "\": "
                    + e.getDescription());
        }
        Matcher matcher = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (matcher.find()) {
            out.append(text, last, matcher.start());
            expand(matcher, replacement, out);
            last = matcher.end();
        }
        return out.append(text.substring(last)).toString();
    }

    private static void expand(Matcher matcher, String template, StringBuilder out) {
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i++);
            if (c != '$' || i >= template.length()) {
                out.append(c);
                continue;
            }
            if (template.charAt(i) == '$') {
                out.append('$');
                i++;
                continue;
            }
            String name;
            if (template.charAt(i) == '{') {
                int close = template.indexOf('}', i);
                if (close < 0) {
                    out.append('$');
                    continue;
                }
                name = template.substring(i + 1, close);
                i = close + 1;
            } else {
                int start = i;
                while (i < template.length() && (Character.isLetterOrDigit(template.charAt(i)) || template.charAt(i) == '_')) {
                    i++;
                }
                name = template.substring(start, i);
                if (name.isEmpty()) {
                    out.append('$');
                    continue;
                }
            }
            out.append(group(matcher, name));
        }
    }

    private static String group(Matcher matcher, String name) {
        String value;
        try {
            value = name.chars().allMatch(Character::isDigit)
                    ? (Integer.parseInt(name) <= matcher.groupCount() ? matcher.group(Integer.parseInt(name)) : null)
                    : matcher.group(name);
        } catch (IllegalArgumentException e) {
            value = null; // no such group: Go expands it to nothing
        }
        return value == null ? "" : value;
    }

    private static Object sprint(List<Object> args) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < args.size(); i++) {
            if (i > 0 && !(args.get(i) instanceof String) && !(args.get(i - 1) instanceof String)) {
                out.append(' ');
            }
            out.append(GoValues.print(args.get(i)));
        }
        return out.toString();
    }

    private static Object length(Object value) {
        return switch (value) {
            case String text -> (long) text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            case List<?> list -> (long) list.size();
            case Map<?, ?> map -> (long) map.size();
            default -> throw new TemplateException("error calling len: len of type " + GoValues.typeName(value));
        };
    }

    private static Object index(List<Object> args) {
        Object item = args.getFirst();
        for (Object key : args.subList(1, args.size())) {
            item = switch (item) {
                case List<?> list when key instanceof Long i -> {
                    if (i < 0 || i >= list.size()) {
                        throw new TemplateException("error calling index: index out of range: " + i);
                    }
                    yield list.get(i.intValue());
                }
                case Map<?, ?> map when key instanceof String k -> map.containsKey(k) ? map.get(k) : "";
                case String text when key instanceof Long i -> {
                    byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    if (i < 0 || i >= bytes.length) {
                        throw new TemplateException("error calling index: index out of range: " + i);
                    }
                    yield (long) (bytes[i.intValue()] & 0xff);
                }
                default -> throw new TemplateException("error calling index: can't index item of type "
                        + GoValues.typeName(item) + " with " + GoValues.typeName(key));
            };
        }
        return item;
    }

    private static String string(String function, Object value) {
        if (value instanceof String text) {
            return text;
        }
        throw new TemplateException("error calling " + function + ": expected string; got " + GoValues.typeName(value));
    }

    private static List<String> strings(String function, Object value) {
        if (value instanceof List<?> list) {
            List<String> result = new ArrayList<>();
            for (Object element : list) {
                result.add(string(function, element));
            }
            return result;
        }
        throw new TemplateException("error calling " + function + ": expected []string; got " + GoValues.typeName(value));
    }
}
