package io.drplatform.cdk.services;

import static org.assertj.core.api.Assertions.assertThat;

import io.drplatform.cdk.PlatformStacks;
import io.drplatform.manifest.model.ContainerImage;
import io.drplatform.manifest.model.MigrationSpec;
import io.drplatform.manifest.model.ServiceSpec;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Matcher;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * A service's user, read-only root file system and scratch volumes, in its own task and its migration's (the same
 * image), next to a service that sets none of them: one stack, one template.
 */
class ContainerHardeningTest {
    private static final String HARDENED = "shop-development-api";
    private static final String HARDENED_MIGRATION = "shop-development-api-migrate";
    private static final String PLAIN = "shop-development-web";
    private static Template template;

    @BeforeAll
    static void synthesize() {
        Stack stack = BareStacks.stack(
                new App(AppProps.builder().context(PlatformStacks.CONTEXT).build()), "Hardening");
        Cluster cluster = Cluster.Builder.create(stack, "Cluster")
                .vpc(BareStacks.vpc(stack))
                .build();
        new ContainerService(
                stack, "api", props(cluster, spec("api", true, "10001:10001", List.of("/tmp", "/var/cache/app"))));
        new ContainerService(stack, "web", props(cluster, spec("web", false, null, List.of())));
        template = Template.fromStack(stack);
    }

    @Test
    void theServiceAndItsMigrationCannotWriteTheirImage() {
        for (String family : List.of(HARDENED, HARDENED_MIGRATION)) {
            template.hasResourceProperties(
                    "AWS::ECS::TaskDefinition", container(family, Map.of("ReadonlyRootFilesystem", true)));
        }
    }

    @Test
    void theServiceAndItsMigrationRunAsTheManifestsUser() {
        for (String family : List.of(HARDENED, HARDENED_MIGRATION)) {
            template.hasResourceProperties(
                    "AWS::ECS::TaskDefinition", container(family, Map.of("User", "10001:10001")));
        }
    }

    @Test
    void eachScratchPathIsAnEphemeralTaskVolumeMountedWritable() {
        List<Map<String, Object>> volumes =
                List.of(Map.of("Name", "scratch-tmp"), Map.of("Name", "scratch-var-cache-app"));
        List<Map<String, Object>> mounts = List.of(
                Map.of("SourceVolume", "scratch-tmp", "ContainerPath", "/tmp", "ReadOnly", false),
                Map.of("SourceVolume", "scratch-var-cache-app", "ContainerPath", "/var/cache/app", "ReadOnly", false));
        for (String family : List.of(HARDENED, HARDENED_MIGRATION)) {
            // Exactly these volumes, each without a host or a Docker volume configuration: Fargate task storage.
            template.hasResourceProperties(
                    "AWS::ECS::TaskDefinition", Match.objectLike(Map.of("Family", family, "Volumes", volumes)));
            template.hasResourceProperties(
                    "AWS::ECS::TaskDefinition", container(family, Map.of("MountPoints", mounts)));
        }
    }

    @Test
    void aServiceThatSetsNoneKeepsTheImagesUserAndAWritableFileSystem() {
        template.hasResourceProperties(
                "AWS::ECS::TaskDefinition",
                Match.objectLike(Map.of(
                        "Family",
                        PLAIN,
                        "Volumes",
                        Match.absent(),
                        "ContainerDefinitions",
                        List.of(Match.objectLike(Map.of(
                                "ReadonlyRootFilesystem",
                                Match.absent(),
                                "User",
                                Match.absent(),
                                "MountPoints",
                                Match.absent()))))));
    }

    @Test
    void volumeNamesStayUniqueWhenPathsSanitizeAlike() {
        Set<String> taken = new HashSet<>();
        assertThat(List.of(ScratchVolumes.volumeName("/a-b", taken), ScratchVolumes.volumeName("/a/b", taken)))
                .containsExactly("scratch-a-b", "scratch-a-b-2");
    }

    private static Matcher container(String family, Map<String, Object> properties) {
        return Match.objectLike(
                Map.of("Family", family, "ContainerDefinitions", List.of(Match.objectLike(properties))));
    }

    private static ContainerService.Props props(Cluster cluster, ServiceSpec spec) {
        return new ContainerService.Props(
                cluster,
                SubnetSelection.builder()
                        .subnetType(SubnetType.PRIVATE_ISOLATED)
                        .build(),
                "shop-development",
                spec,
                Path.of("."),
                RetentionDays.ONE_WEEK,
                RemovalPolicy.DESTROY,
                ContainerSettings.none(),
                ContainerSettings.none());
    }

    private static ServiceSpec spec(String name, boolean readOnly, String user, List<String> scratch) {
        return new ServiceSpec(
                name,
                new ContainerImage(null, null, "public.ecr.aws/nginx/nginx:1.27-alpine"),
                8080,
                "/",
                "/",
                256,
                512,
                1,
                1,
                1,
                null,
                "api".equals(name) ? List.of("/api/*") : null,
                Map.of(),
                Map.of(),
                List.of("database"),
                false,
                null,
                "api".equals(name) ? new MigrationSpec(List.of("migrate")) : null,
                null,
                readOnly,
                user,
                scratch,
                null,
                null);
    }
}
