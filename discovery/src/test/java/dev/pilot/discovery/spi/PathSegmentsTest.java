package dev.pilot.discovery.spi;

import dev.pilot.discovery.ConfigException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PathSegmentsTest {

    @Test
    void aNameThatWouldNotBeOneSegmentIsRefused() {
        for (String name : new String[] {"", ".", "..", "a/b", "/", "a\0b", "a\nb", "a\tb", "a\u001fb", "a\u007fb"}) {
            assertThat(PathSegments.problem(name, "")).as(name).startsWith("expected a name usable as one path segment");
        }
    }

    @Test
    void theCatalogsOwnCharactersAreRefusedOnlyWhenAsked() {
        assertThat(PathSegments.problem("a?b", "")).isNull();
        assertThat(PathSegments.problem("a?b", "?#")).isEqualTo("expected a name usable as one path segment (not empty, "
                + "not '.' or '..', no '/', '?', '#' or control character), got \"a?b\"");
        assertThat(PathSegments.problem("a#b", "?#")).isNotNull();
    }

    @Test
    void ordinaryNamesAreAccepted() {
        for (String name : new String[] {"app", "app-host.example_1", "...", ".hidden", "é", "a b", "a%2Fb", "a\\b"}) {
            assertThat(PathSegments.problem(name, "?#")).as(name).isNull();
        }
    }

    @Test
    void checkThrowsOneLineNamingTheKey() {
        assertThatThrownBy(() -> PathSegments.check("backends[0].name", "a/b", ""))
                .isInstanceOf(ConfigException.class)
                .hasMessage("backends[0].name: expected a name usable as one path segment (not empty, not '.' or '..', "
                        + "no '/' or control character), got \"a/b\"");
        assertThatCode(() -> PathSegments.check("backends[0].name", "db", "")).doesNotThrowAnyException();
    }
}
