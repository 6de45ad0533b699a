package dev.pilot.bench.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The long fuzz run's report is read only when every test ran the cases asked for. */
class FuzzReportTest {

    private static String report(String asked, String... ran) {
        StringBuilder xml = new StringBuilder("<testsuite name=\"ConfigFuzzTest\" time=\"44.4\" tests=\"3\" errors=\"0\" "
                + "skipped=\"0\" failures=\"0\">\n<properties>\n");
        if (asked != null) {
            xml.append("<property name=\"pilot.fuzz.cases\" value=\"").append(asked).append("\"/>\n");
        }
        xml.append("</properties>\n");
        for (String count : ran) {
            xml.append("<testcase><system-out>[fuzz] ").append(count).append(" cases ran, seed 1</system-out></testcase>\n");
        }
        return xml.append("</testsuite>").toString();
    }

    @Test
    void aRunOfWhatWasAskedIsRead() {
        FuzzReport fuzz = FuzzReport.parse(report("1000000", "1000000", "1000000", "1000000"), 1_000_000, "r.xml");

        assertThat(fuzz.casesPerProperty()).isEqualTo(1_000_000);
        assertThat(fuzz.properties()).isEqualTo(3);
        assertThat(fuzz.casesChecked()).isTrue();
    }

    @Test
    void aShorterRunCannotBeRelabelled() {
        assertThatThrownBy(() -> FuzzReport.parse(report("3000", "3000", "3000", "3000"), 1_000_000, "r.xml"))
                .hasMessageContaining("pilot.fuzz.cases was 3000, expected 1000000");
        assertThatThrownBy(() -> FuzzReport.parse(report(null, "3000", "3000", "3000"), 1_000_000, "r.xml"))
                .hasMessageContaining("not set");
    }

    @Test
    void aTestThatRanFewerCasesOrSaidNothingIsRefused() {
        assertThatThrownBy(() -> FuzzReport.parse(report("1000", "1000", "999", "1000"), 1_000, "r.xml"))
                .hasMessageContaining("[1000, 999, 1000]");
        assertThatThrownBy(() -> FuzzReport.parse(report("1000", "1000", "1000"), 1_000, "r.xml"))
                .hasMessageContaining("3 tests passed");
    }
}
