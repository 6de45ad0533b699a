package dev.pilot.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pilot.agent.CommandLineFlags.UsageException;
import org.junit.jupiter.api.Test;

/** ContainerPilot's command line, read as Go's flag package reads it (see CP2's {@code -config}, {@code -template}, {@code -out}, {@code -version}). */
class CommandLineFlagsTest {

    @Test
    void nothingGivenMeansNoConfigStdoutAndNoMainProcess() throws Exception {
        CommandLineFlags flags = CommandLineFlags.parse();
        assertThat(flags.config()).isNull();
        assertThat(flags.out()).isEqualTo("-");
        assertThat(flags.template() || flags.version() || flags.help()).isFalse();
        assertThat(flags.mainArgs()).isEmpty();
    }

    @Test
    void aValueFollowsItsFlagOrAnEqualsSignWithOneDashOrTwo() throws Exception {
        assertThat(CommandLineFlags.parse("-config", "file:///a").config()).isEqualTo("file:///a");
        assertThat(CommandLineFlags.parse("--config", "file:///b").config()).isEqualTo("file:///b");
        assertThat(CommandLineFlags.parse("-config=file:///c").config()).isEqualTo("file:///c");
        assertThat(CommandLineFlags.parse("--config={\"a\": \"=\"}").config()).isEqualTo("{\"a\": \"=\"}");
        assertThat(CommandLineFlags.parse("-config", "-template").config()).as("a value may start with a dash").isEqualTo("-template");
        assertThat(CommandLineFlags.parse("-config", "a", "-config", "b").config()).as("the last one wins").isEqualTo("b");
        assertThat(CommandLineFlags.parse("-template", "-out", "file:///o").out()).isEqualTo("file:///o");
    }

    @Test
    void booleanFlagsTakeNoValueButAcceptGosBooleans() throws Exception {
        assertThat(CommandLineFlags.parse("-template").template()).isTrue();
        assertThat(CommandLineFlags.parse("--version").version()).isTrue();
        assertThat(CommandLineFlags.parse("-template=false").template()).isFalse();
        assertThat(CommandLineFlags.parse("-template=1").template()).isTrue();
        assertThat(CommandLineFlags.parse("-template", "false").mainArgs()).as("a separate word is the main process")
                .containsExactly("false");
        assertThat(CommandLineFlags.parse("-h").help()).isTrue();
        assertThat(CommandLineFlags.parse("--help").help()).isTrue();
    }

    @Test
    void flagsEndAtTheFirstOtherWordOrAtTwoDashes() throws Exception {
        CommandLineFlags flags = CommandLineFlags.parse("-config", "c", "nginx", "-g", "daemon off;", "-version");
        assertThat(flags.mainArgs()).containsExactly("nginx", "-g", "daemon off;", "-version");
        assertThat(flags.version()).isFalse();

        assertThat(CommandLineFlags.parse("-config", "c", "--", "-version").mainArgs()).containsExactly("-version");
        assertThat(CommandLineFlags.parse("--", "--").mainArgs()).containsExactly("--");
        assertThat(CommandLineFlags.parse("-", "x").mainArgs()).as("a lone dash is not a flag").containsExactly("-", "x");
    }

    @Test
    void aCommandLineThatIsNotOneIsAUsageErrorNamingTheFlag() {
        assertThatThrownBy(() -> CommandLineFlags.parse("-nope")).isInstanceOf(UsageException.class)
                .hasMessage("flag provided but not defined: -nope");
        assertThatThrownBy(() -> CommandLineFlags.parse("-config")).isInstanceOf(UsageException.class)
                .hasMessage("flag needs an argument: -config");
        assertThatThrownBy(() -> CommandLineFlags.parse("-template=maybe")).isInstanceOf(UsageException.class)
                .hasMessageContaining("\"maybe\"").hasMessageContaining("-template");
        assertThatThrownBy(() -> CommandLineFlags.parse("---config", "x")).isInstanceOf(UsageException.class)
                .hasMessage("bad flag syntax: ---config");
        assertThatThrownBy(() -> CommandLineFlags.parse("-=x")).isInstanceOf(UsageException.class)
                .hasMessage("bad flag syntax: -=x");
    }

    @Test
    void anInlineConfigurationIsNotPrinted() throws Exception {
        assertThat(CommandLineFlags.parse("-config", "{\"consul\": {\"token\": \"s3cret\"}}").toString())
                .doesNotContain("s3cret");
    }
}
