package dev.pilot.agent.config.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {

    private static final Map<String, String> ENV = Map.of(
            "HOST", "db.internal", "PORT", "5432", "EMPTY", "", "LIST", "a,b,c", "NAME", "web-app");

    private static String render(String text) {
        return Template.render(text, ENV);
    }

    @Test
    void variablesComeFromTheEnvironment() {
        assertThat(render("{\"consul\": \"{{ .HOST }}:8500\"}")).isEqualTo("{\"consul\": \"db.internal:8500\"}");
    }

    @Test
    void aMissingVariableIsEmpty() {
        assertThat(render("[{{ .NOPE }}]")).isEqualTo("[]");
    }

    @Test
    void textWithoutActionsIsUnchanged() {
        String json = "{\"a\": [1, 2], \"b\": {\"c\": \"}\"}}";
        assertThat(render(json)).isEqualTo(json);
    }

    @Test
    void defaultReplacesEmptyOrMissingValues() {
        assertThat(render("{{ .NOPE | default \"x\" }} {{ .EMPTY | default \"y\" }} {{ .HOST | default \"z\" }}"))
                .isEqualTo("x y db.internal");
        assertThat(render("{{ .NOPE | default 10 }}")).isEqualTo("10");
    }

    @Test
    void splitAndJoinTakeThePipedValueLast() {
        assertThat(render("{{ .LIST | split \",\" | join \" \" }}")).isEqualTo("a b c");
        assertThat(render("{{ range .LIST | split \",\" }}<{{ . }}>{{ end }}")).isEqualTo("<a><b><c>");
    }

    @Test
    void replaceAllAndRegexReplaceAll() {
        assertThat(render("{{ .NAME | replaceAll \"-\" \"_\" }}")).isEqualTo("web_app");
        assertThat(render("{{ .HOST | regexReplaceAll \"^([a-z]+)\\\\.(.*)$\" \"$2/$1\" }}")).isEqualTo("internal/db");
        assertThat(render("{{ .HOST | regexReplaceAll \"(?P<first>[a-z]+)\" \"<${first}>\" }}"))
                .isEqualTo("<db>.<internal>");
    }

    @Test
    void conditionalsAndComparisons() {
        assertThat(render("{{ if .EMPTY }}yes{{ else }}no{{ end }}")).isEqualTo("no");
        assertThat(render("{{ if eq .PORT \"5432\" }}pg{{ else if eq .PORT \"3306\" }}my{{ else }}?{{ end }}"))
                .isEqualTo("pg");
        assertThat(render("{{ if and .HOST (not .EMPTY) }}ok{{ end }}")).isEqualTo("ok");
        assertThat(render("{{ if or .EMPTY .NOPE }}x{{ else }}neither{{ end }}")).isEqualTo("neither");
        assertThat(render("{{ if lt 1 2 }}lt{{ end }}{{ if ge \"b\" \"a\" }}ge{{ end }}")).isEqualTo("ltge");
        assertThat(render("{{ with .HOST }}[{{ . }}]{{ end }}{{ with .EMPTY }}x{{ else }}none{{ end }}"))
                .isEqualTo("[db.internal]none");
    }

    @Test
    void rangeWithIndexAndElse() {
        assertThat(render("{{ range $i, $v := split \",\" .LIST }}{{ $i }}={{ $v }};{{ end }}"))
                .isEqualTo("0=a;1=b;2=c;");
        assertThat(render("{{ range .NOPE }}x{{ else }}empty{{ end }}")).isEqualTo("empty");
    }

    @Test
    void variablesLenIndexAndPrintf() {
        assertThat(render("{{ $h := .HOST }}{{ $h }}")).isEqualTo("db.internal");
        assertThat(render("{{ len .NAME }}")).isEqualTo("7");
        assertThat(render("{{ index . \"PORT\" }}/{{ index (split \",\" .LIST) 1 }}")).isEqualTo("5432/b");
        assertThat(render("{{ printf \"%s:%d\" .HOST 80 }}")).isEqualTo("db.internal:80");
        assertThat(render("{{ printf \"%q %v %5s|\" .NAME 1.5 \"ab\" }}")).isEqualTo("\"web-app\" 1.5    ab|");
        assertThat(render("{{ print 1 2 \"x\" 3 }}")).isEqualTo("1 2x3");
        assertThat(render("{{ $.HOST }}")).isEqualTo("db.internal");
    }

    @Test
    void trimMarkersRemoveAdjacentWhiteSpace() {
        assertThat(render("a  {{- .PORT -}}  \n b")).isEqualTo("a5432b");
        assertThat(render("a {{/* a comment */}} b")).isEqualTo("a  b");
        assertThat(render("a {{- /* trimmed */ -}} b")).isEqualTo("ab");
    }

    @Test
    void negativeNumbersAreNotTrimMarkers() {
        assertThat(render("{{-3}}")).isEqualTo("-3");
    }

    @Test
    void errorsNameTheLine() {
        assertThatThrownBy(() -> render("ok\n{{ .HOST | nope }}"))
                .isInstanceOf(TemplateException.class).hasMessage("line 2: function \"nope\" not defined");
        assertThatThrownBy(() -> render("{{ if .HOST }}x"))
                .hasMessage("line 1: unexpected end of template in {{if}}");
        assertThatThrownBy(() -> render("{{ .HOST"))
                .hasMessage("line 1: unclosed action");
        assertThatThrownBy(() -> render("{{ end }}"))
                .hasMessage("line 1: unexpected {{end}}");
        assertThatThrownBy(() -> render("{{ $x }}"))
                .hasMessage("line 1: undefined variable \"$x\"");
        assertThatThrownBy(() -> render("{{ split \",\" }}"))
                .hasMessage("line 1: wrong number of args for split: want 2 got 1");
        assertThatThrownBy(() -> render("{{ .HOST.X }}"))
                .hasMessage("line 1: can't evaluate field X in type string");
        assertThatThrownBy(() -> render("{{ template \"x\" }}"))
                .hasMessage("line 1: {{template}} is not supported");
        assertThatThrownBy(() -> render("{{ .HOST | .PORT }}"))
                .hasMessage("line 1: can't give argument to non-function .PORT");
    }
}
