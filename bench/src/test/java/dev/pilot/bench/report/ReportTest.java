package dev.pilot.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReportTest {

    @Test
    void replacesOnlyTheTextBetweenItsMarkers() {
        String text = "# Benchmarks\nreading above\n<!-- bench:x -->\nold table\n<!-- /bench:x -->\nreading below\n";
        String replaced = Report.replace(text, "x", "new table\n");
        assertThat(replaced).isEqualTo("# Benchmarks\nreading above\n<!-- bench:x -->\nnew table\n<!-- /bench:x -->\nreading below\n");
    }

    @Test
    void appendsASectionWhoseMarkersAreMissing() {
        String replaced = Report.replace("# Benchmarks\n", "idle-load", "table");
        assertThat(replaced).endsWith("## idle-load\n\n<!-- bench:idle-load -->\ntable\n<!-- /bench:idle-load -->\n");
    }

    @Test
    void tableCellsCannotBreakTheTable() {
        String table = new MarkdownTable("a", "b").row("x|y", "line\nbreak").toString();
        assertThat(table).isEqualTo("| a | b |\n| --- | --- |\n| x\\|y | line break |\n");
    }

    @Test
    void numbersDropTrailingZerosAndShowUnknownAsADash() {
        assertThat(MarkdownTable.number(2.50, 2)).isEqualTo("2.5");
        assertThat(MarkdownTable.number(1234.567, 0)).isEqualTo("1235");
        assertThat(MarkdownTable.number(-1, 2)).isEqualTo("—");
    }
}
