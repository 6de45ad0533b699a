package dev.pilot.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pilot.bench.Machine;
import java.util.LinkedHashMap;
import java.util.Map;
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
    void resultsOfOneMachineShowItOnceAndResultsOfTwoNameTheSectionsEachMeasured() {
        Machine xeon = new Machine(2, 24_105, "Intel Xeon", "Linux 6.18", "JDK 25", 0.5, Map.of("etcd", "etcd 3.4.23"));
        Machine epyc = new Machine(2, 24_105, "AMD EPYC", "Linux 6.18", "JDK 25", 1.5, Map.of("consul", "Consul 1.8.7"));
        Map<String, Machine> oneMachine = new LinkedHashMap<>();
        oneMachine.put("change-latency", xeon);
        oneMachine.put("idle-load", new Machine(2, 24_105, "Intel Xeon", "Linux 6.18", "JDK 25", 3, Map.of()));
        assertThat(Report.machines(oneMachine)).isEqualTo("""
                |  |  |
                | --- | --- |
                | cores | 2 |
                | memory | 24,105 MB |
                | processor | Intel Xeon |
                | OS | Linux 6.18 |
                | JDK | JDK 25 |
                | etcd server | etcd 3.4.23 |
                """);

        Map<String, Machine> twoMachines = new LinkedHashMap<>(oneMachine);
        twoMachines.put("agent-footprint", epyc);
        assertThat(Report.machines(twoMachines)).isEqualTo("""
                |  | measured: change-latency, idle-load | measured: agent-footprint |
                | --- | --- | --- |
                | cores | 2 | 2 |
                | memory | 24,105 MB | 24,105 MB |
                | processor | Intel Xeon | AMD EPYC |
                | OS | Linux 6.18 | Linux 6.18 |
                | JDK | JDK 25 | JDK 25 |
                | consul server | — | Consul 1.8.7 |
                | etcd server | etcd 3.4.23 | — |
                """);
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
