package dev.pilot.discovery.tck.mutation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ContractTableTest {

    private static final String START = "<!-- contract table: written from ContractTable.markdown(), kept equal by ContractTableTest -->\n";
    private static final String END = "<!-- end of contract table -->";

    @Test
    void everyPromiseHasAMutantOrSaysWhyNot() {
        assertThat(ContractTable.unguarded()).as("promises no mutant breaks").isEmpty();
    }

    @Test
    void mutantNamesAreUnique() {
        Set<String> names = new HashSet<>();
        List<Mutant> all = Stream.concat(Mutants.anyBackend().stream(), Mutants.forServerProcesses().stream()).toList();
        for (Mutant mutant : all) {
            if (!names.add(mutant.name())) {
                assertThat(all.stream().filter(m -> m.name().equals(mutant.name())).map(Mutant::killers).distinct())
                        .as("mutant %s is listed twice with different killers", mutant.name()).hasSize(1);
            }
        }
    }

    @Test
    void theArchitectureDocumentCarriesTheTable() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "ARCHITECTURE.md"));
        int start = doc.indexOf(START);
        int end = doc.indexOf(END);
        assertThat(start).as("docs/ARCHITECTURE.md has the table's start marker").isNotNegative();
        assertThat(end).as("docs/ARCHITECTURE.md has the table's end marker").isGreaterThan(start);
        if (Boolean.getBoolean("pilot.docs.write")) { // regenerates the table: -Dpilot.docs.write=true
            doc = doc.substring(0, start + START.length()) + ContractTable.markdown() + doc.substring(end);
            Files.writeString(Path.of("..", "docs", "ARCHITECTURE.md"), doc);
            end = doc.indexOf(END);
        }
        assertThat(doc.substring(start + START.length(), end)).as("the table in docs/ARCHITECTURE.md")
                .isEqualTo(ContractTable.markdown());
    }
}
