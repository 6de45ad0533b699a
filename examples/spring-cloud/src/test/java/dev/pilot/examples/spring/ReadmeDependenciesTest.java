package dev.pilot.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * This example's POM is the README's Spring dependency block plus the web application's starters
 * the README names, and nothing else: so {@link PingPongApplicationTest}, which calls through
 * {@code @LoadBalanced}, runs on what a user pastes. Fails when the README's block lacks what
 * the example needs (as it once lacked Spring Cloud LoadBalancer), or the example adds it.
 */
class ReadmeDependenciesTest {

    /** What a Spring Boot web application has before it adds Pilot; the README names each. */
    private static final Set<String> APPLICATION = Set.of("org.springframework.boot:spring-boot-starter-webmvc",
            "org.springframework.boot:spring-boot-starter-actuator");

    @Test
    void theExamplesDependenciesAreTheReadmesBlockAndTheWebApplicationsStarters() throws Exception {
        String readme = Files.readString(Path.of("../../README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf("## Using it from Spring Cloud");
        String section = readme.substring(start, readme.indexOf("\n## ", start + 3));
        Matcher xml = Pattern.compile("```xml\\n(.*?)```", Pattern.DOTALL).matcher(section);
        assertThat(xml.find()).as("the README's dependency block").isTrue();
        Set<String> pasted = dependencies(parse("<dependencies>" + xml.group(1) + "</dependencies>"), false);

        Set<String> example = dependencies(parse(Files.readString(Path.of("pom.xml"))), true);
        Set<String> beyond = new TreeSet<>(example);
        beyond.removeAll(pasted);

        assertThat(example).containsAll(pasted);
        assertThat(beyond).isSubsetOf(APPLICATION);
        assertThat(section).contains("spring-boot-starter-webmvc");
    }

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    /** groupId:artifactId of every dependency not in test scope (in a POM, outside dependencyManagement). */
    private static Set<String> dependencies(Document document, boolean pom) {
        Set<String> out = new TreeSet<>();
        NodeList nodes = document.getElementsByTagName("dependency");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element dependency = (Element) nodes.item(i);
            Node parent = dependency.getParentNode().getParentNode();
            if (pom && !"project".equals(parent.getNodeName())) {
                continue;
            }
            if ("test".equals(text(dependency, "scope")) || "import".equals(text(dependency, "scope"))) {
                continue;
            }
            out.add(text(dependency, "groupId") + ":" + text(dependency, "artifactId"));
        }
        return out;
    }

    private static String text(Element element, String child) {
        NodeList children = element.getElementsByTagName(child);
        return children.getLength() == 0 ? null : children.item(0).getTextContent().strip();
    }
}
