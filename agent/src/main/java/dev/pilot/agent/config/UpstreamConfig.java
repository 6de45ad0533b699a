package dev.pilot.agent.config;

import dev.pilot.discovery.spi.ConfigMap;
import dev.pilot.discovery.Upstream;
import java.time.Duration;

/**
 * One entry of {@code backends}: a service this container depends on, and the command to run
 * when its healthy set changes.
 *
 * @param name     the upstream service's name
 * @param poll     how often to re-read the set when the catalog cannot push changes
 * @param onChange run after each change
 * @param timeout  onChange's time limit; zero means none
 * @param tag      only instances with this tag; empty for all
 */
public record UpstreamConfig(String name, Duration poll, Command onChange, Duration timeout, String tag) {

    static UpstreamConfig parse(ConfigMap block) {
        block.allowOnly("name", "poll", "onChange", "timeout", "tag");
        return new UpstreamConfig(Fields.name(block, "name", "service name"), Fields.positiveSeconds(block, "poll"),
                Fields.requiredCommand(block, "onChange"), Fields.timeout(block, "timeout"), block.string("tag", ""));
    }

    public Upstream upstream() {
        return new Upstream(name, tag);
    }
}
