package dev.pilot.discovery.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ServicePathsTest {

    private final ServicePaths paths = new ServicePaths("/containerpilot");

    @Test
    void instancesLiveUnderTheirServiceAsInContainerPilot() {
        assertThat(paths.service("web")).isEqualTo("/containerpilot/web");
        assertThat(paths.instance("web", "web-7f3a")).isEqualTo("/containerpilot/web/web-7f3a");
    }

    @Test
    void aNameThatIsNotOneNodeNameIsRefused() {
        assertThatThrownBy(() -> paths.service("web/admin"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("service name: expected a name usable as one path segment (not empty, not '.' or '..', "
                        + "no '/' or control character), got \"web/admin\"");
        assertThatThrownBy(() -> paths.instance("web", ".."))
                .hasMessageStartingWith("instance id: expected a name usable as one path segment");
        assertThatThrownBy(() -> paths.instance("web", "a\u0001b"))
                .hasMessageStartingWith("instance id: expected a name usable as one path segment");
        assertThatThrownBy(() -> paths.instance("web", "a\ud800b"))
                .hasMessageStartingWith("instance id: expected a name ZooKeeper accepts as a node name (");
    }
}
