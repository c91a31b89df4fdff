package io.drplatform.cdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.drplatform.cdk.region.RegionStack;
import io.drplatform.manifest.loading.ManifestLoader;
import io.drplatform.manifest.model.EnvironmentName;
import io.drplatform.manifest.plan.RegionRole;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;

/**
 * cdk-nag's IAM findings are accepted on the resources that have them, for the exact finding: a wildcard grant added
 * anywhere else fails synthesis (cdk.json's annotationsInValidationReport turns the error into a failed validation),
 * while the reference application stays clean.
 */
class NagIamScopeTest {
    private static final String PRIMARY = "tco-calculator-development-us-east-1/";
    private static RuntimeException failure;
    private static List<String> violations;

    @BeforeAll
    static void synthesizeDevelopmentWithNewWildcardGrants(@TempDir Path out) {
        App app = new App(AppProps.builder()
                .context(PlatformStacks.CONTEXT)
                .outdir(out.toString())
                .build());
        List<Stack> stacks = PlatformStacks.build(
                app, ManifestLoader.load(ReferenceApp.MANIFEST), EnumSet.of(EnvironmentName.DEVELOPMENT));
        RegionStack development = stacks.stream()
                .filter(s -> s instanceof RegionStack r && r.getRole() == RegionRole.PRIMARY)
                .map(RegionStack.class::cast)
                .findFirst()
                .orElseThrow();
        FargateService api = development.getServices().getServices().get("api");
        // The api's execution role has its ECR grant on * accepted; its task role has no such acceptance.
        api.getTaskDefinition()
                .addToTaskRolePolicy(PolicyStatement.Builder.create()
                        .actions(List.of("s3:GetObject"))
                        .resources(List.of("*"))
                        .build());
        Role.Builder.create(development, "ReportsWriter")
                .assumedBy(new ServicePrincipal("ecs-tasks.amazonaws.com"))
                .build()
                .addToPolicy(PolicyStatement.Builder.create()
                        .actions(List.of("s3:*"))
                        .resources(List.of("arn:aws:s3:::tco-calculator-reports/*"))
                        .build());
        failure = catchThrowableOfType(RuntimeException.class, app::synth);
        violations = failure != null && ValidationReport.explains(failure, out)
                ? ValidationReport.violations(out)
                : List.of();
    }

    @Test
    void synthesisFailsOnTheNewGrantsOnly() {
        assertThat(failure).as("synthesis with new wildcard grants").isNotNull();
        assertThat(violations)
                .as("validation report")
                .hasSize(3)
                .allSatisfy(
                        violation -> assertThat(violation).startsWith(PRIMARY).contains(": AwsSolutions-IAM5["));
    }

    @Test
    void aNewWildcardResourceOnARoleWithAcceptedFindingsIsAnError() {
        assertThat(violations)
                .anySatisfy(violation -> assertThat(violation)
                        .startsWith(PRIMARY
                                + "Services/api/Task/TaskRole/DefaultPolicy/Resource: AwsSolutions-IAM5[Resource::*]"));
    }

    @Test
    void aNewWildcardActionAndObjectResourceAreErrors() {
        assertThat(violations)
                .anySatisfy(violation -> assertThat(violation)
                        .startsWith(PRIMARY + "ReportsWriter/DefaultPolicy/Resource: AwsSolutions-IAM5[Action::s3:*]"));
        assertThat(violations)
                .anySatisfy(
                        violation -> assertThat(violation)
                                .startsWith(
                                        PRIMARY
                                                + "ReportsWriter/DefaultPolicy/Resource: AwsSolutions-IAM5[Resource::arn:aws:s3:::tco-calculator-reports/*]"));
    }

    @Test
    void theReferenceApplicationIsClean() {
        ReferenceApp reference = ReferenceApp.get();
        for (Stack stack : reference.stacks) {
            assertThat(reference.nagFindings(stack))
                    .as("cdk-nag findings in %s", stack.getStackName())
                    .isEmpty();
        }
    }

    @Test
    void theReferenceApplicationGrantsOnAnyResourceOnlyWhatTheAcceptedFindingsName() {
        ReferenceApp reference = ReferenceApp.get();
        Set<String> actionsOnAnyResource = new TreeSet<>();
        for (Stack stack : reference.stacks) {
            reference.template(stack).findResources("AWS::IAM::Policy").values().forEach(policy -> {
                for (Map<String, Object> statement : statements(policy)) {
                    Object resource = statement.get("Resource");
                    if ("*".equals(resource) || resource instanceof List<?> list && list.contains("*")) {
                        Object action = statement.get("Action");
                        actionsOnAnyResource.addAll(
                                action instanceof List<?> actions
                                        ? actions.stream().map(String::valueOf).toList()
                                        : List.of(String.valueOf(action)));
                    }
                }
            });
        }
        // PlatformNagSuppressions: CloudWatch metrics (namespace condition), ECR's token for image pulls, CDK's
        // log-retention function, the trace collector's X-Ray writes.
        assertThat(actionsOnAnyResource)
                .containsExactly(
                        "cloudwatch:PutMetricData",
                        "ecr:GetAuthorizationToken",
                        "logs:DeleteRetentionPolicy",
                        "logs:PutRetentionPolicy",
                        "xray:PutTelemetryRecords",
                        "xray:PutTraceSegments");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> statements(Map<String, Object> policy) {
        Map<String, Object> properties = (Map<String, Object>) policy.get("Properties");
        return (List<Map<String, Object>>) ((Map<String, Object>) properties.get("PolicyDocument")).get("Statement");
    }
}
