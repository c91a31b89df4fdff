package io.drplatform.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * What a service's container is given, by task definition family: each plain variable with its value (a literal, or
 * {@link Match#anyValue()} for an endpoint the template resolves) and each secret by name, one match each, so the
 * order ECS lists them in does not matter; and the names it must not be given.
 */
final class ContainerConnections {
    private ContainerConnections() {}

    static void sets(Template template, String family, Map<String, Object> environment, List<String> secrets) {
        environment.forEach((name, value) -> template.hasResourceProperties(
                "AWS::ECS::TaskDefinition",
                container(family, "Environment", Match.objectLike(Map.of("Name", name, "Value", value)))));
        secrets.forEach(name -> template.hasResourceProperties(
                "AWS::ECS::TaskDefinition",
                container(family, "Secrets", Match.objectLike(Map.of("Name", name, "ValueFrom", Match.anyValue())))));
    }

    /** Neither a plain variable nor a secret of that name: a credential is never a plain value. */
    @SuppressWarnings("unchecked")
    static void lacks(Template template, String family, List<String> names) {
        Map<String, Map<String, Object>> tasks = template.findResources(
                "AWS::ECS::TaskDefinition",
                Match.objectLike(Map.of("Properties", Match.objectLike(Map.of("Family", family)))));
        assertThat(tasks).as("task definitions of %s", family).isNotEmpty();
        tasks.values().forEach(task -> {
            Map<String, Object> properties = (Map<String, Object>) task.get("Properties");
            for (Map<String, Object> container : (List<Map<String, Object>>) properties.get("ContainerDefinitions")) {
                for (String list : List.of("Environment", "Secrets")) {
                    List<Map<String, Object>> entries =
                            (List<Map<String, Object>>) container.getOrDefault(list, List.of());
                    assertThat(entries)
                            .as("%s %s of %s", list, names, family)
                            .extracting(e -> e.get("Name"))
                            .doesNotContainAnyElementsOf(names);
                }
            }
        });
    }

    private static Object container(String family, String list, Object entry) {
        return Match.objectLike(Map.of(
                "Family",
                family,
                "ContainerDefinitions",
                List.of(Match.objectLike(Map.of(list, Match.arrayWith(List.of(entry)))))));
    }
}
