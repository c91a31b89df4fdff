package io.drplatform.contract.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drplatform.contract.standin.Commands;
import io.drplatform.contract.template.Synthesis;
import io.drplatform.dr.rehearsal.SeamCheck;
import io.drplatform.dr.rehearsal.assembly.CloudAssembly;
import io.drplatform.dr.rehearsal.assembly.EnvironmentTemplates;
import io.drplatform.dr.rehearsal.resolve.EnvironmentSecrets;
import io.drplatform.dr.rehearsal.resolve.LocalEndpoints;
import io.drplatform.dr.rehearsal.resolve.RegionValues;
import io.drplatform.dr.rehearsal.template.DatabaseInstance;
import io.drplatform.dr.rehearsal.template.EcsService;
import io.drplatform.dr.rehearsal.template.GlobalStackTemplate;
import io.drplatform.dr.rehearsal.template.ListenerRules;
import io.drplatform.dr.rehearsal.template.RegionStackTemplate;
import io.drplatform.dr.rehearsal.template.TargetGroup;
import io.drplatform.manifest.contract.ContainerVariables;
import io.drplatform.manifest.loading.ManifestLoader;
import io.drplatform.manifest.model.Deployment;
import io.drplatform.manifest.model.EnvironmentName;
import io.drplatform.manifest.model.ServiceSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rehearsal's reading of the reference manifest's staging assembly, synthesized as {@code ./platform synth}
 * writes it: what each region stack and the global stack declare, that the synthesized deployment holds together,
 * and that one deliberate seam defect at a time makes the check fail naming the resource's logical id.
 */
class ReferenceStagingAssemblyTest {
    static final Path ROOT = Path.of(System.getProperty("repository.root", ".."))
            .toAbsolutePath()
            .normalize();
    static final Path MANIFEST = ROOT.resolve("manifests/tco-calculator.yaml");
    static final Path WORK = ROOT.resolve("contract-tests/target/rehearsal-staging");
    static final ObjectMapper JSON = new ObjectMapper();

    static Deployment deployment;
    static EnvironmentTemplates staging;

    @BeforeAll
    static void synthesize() throws IOException {
        Commands.deleteTree(WORK);
        Files.createDirectories(WORK);
        deployment = ManifestLoader.load(MANIFEST).deployment(EnvironmentName.STAGING);
        CloudAssembly assembly = Synthesis.assembly(MANIFEST, EnvironmentName.STAGING, WORK.resolve("cdk.out"));
        staging = EnvironmentTemplates.read(assembly, deployment);
    }

    @Test
    void eachRegionStackIsReadAsItsTemplateDeclaresIt() {
        assertThat(staging.regions()).hasSize(2);
        RegionStackTemplate primary = staging.regions().get(0).template();
        RegionStackTemplate standby = staging.regions().get(1).template();
        assertThat(primary.region()).isEqualTo(deployment.activeRegion());
        assertThat(standby.region()).isEqualTo(deployment.passiveRegion().orElseThrow());
        assertThat(primary.regionDatabase().orElseThrow().role()).isEqualTo(DatabaseInstance.Role.PRIMARY);
        assertThat(standby.regionDatabase().orElseThrow().role()).isEqualTo(DatabaseInstance.Role.CROSS_REGION_REPLICA);
        assertThat(primary.regionDatabase().orElseThrow().databaseName())
                .isEqualTo(deployment.database().databaseName());
        for (RegionStackTemplate region : new RegionStackTemplate[] {primary, standby}) {
            var cache = region.cache().orElseThrow();
            assertThat(cache.tls())
                    .as("TLS in transit on %s", cache.logicalId())
                    .isTrue();
            assertThat(cache.auth()).as("AUTH on %s", cache.logicalId()).isTrue();
            EcsService api = region.service("api");
            assertThat(api.container()
                            .environment()
                            .get(ContainerVariables.REDIS_PORT)
                            .asText())
                    .isEqualTo(Integer.toString(cache.port()));
            assertThat(api.container().secrets()).containsKeys(ContainerVariables.R2DBC_PASSWORD);
            ServiceSpec spec = staging.regions().get(region == primary ? 0 : 1).plan().services().stream()
                    .filter(s -> s.name().equals("api"))
                    .findFirst()
                    .orElseThrow();
            assertThat(api.desiredCount()).isEqualTo(spec.desiredCount());
            assertThat(api.container().containerPort()).hasValue(spec.containerPort());
            TargetGroup targets = region.targetGroup(api.targetGroupId().orElseThrow());
            assertThat(targets.healthCheckPath()).isEqualTo(spec.healthCheckPath());
            assertThat(targets.port()).isEqualTo(spec.containerPort());
            assertThat(targets.intervalSeconds()).isPositive();
            assertThat(targets.healthyThreshold()).isPositive();
            assertThat(targets.unhealthyThreshold()).isPositive();
            ListenerRules listener = region.listener().orElseThrow();
            ListenerRules.Rule deep =
                    listener.ruleFor(spec.deepHealthCheckPath()).orElseThrow();
            assertThat(deep.action().targetGroupId()).isEqualTo(targets.logicalId());
            assertThat(deep.priority())
                    .as("the deep-health rule comes before every other rule")
                    .isEqualTo(listener.rules().get(0).priority());
        }
    }

    @Test
    void theGlobalStackHasAHealthCheckPerRegionAndAFailoverPairFollowingThem() {
        GlobalStackTemplate global = staging.global().orElseThrow();
        for (EnvironmentTemplates.Region region : staging.regions()) {
            GlobalStackTemplate.HealthCheck check = global.healthCheckOf(
                            region.plan().regionalDomain().orElseThrow())
                    .orElseThrow();
            assertThat(check.path())
                    .isEqualTo(region.plan().healthCheckedService().deepHealthCheckPath());
            assertThat(check.intervalSeconds()).isIn(10, 30);
            assertThat(check.failureThreshold()).isPositive();
        }
        // The primary record answers while the active region's check passes; the secondary is the fallback.
        String primaryName = staging.regions().get(0).plan().regionalDomain().orElseThrow();
        String standbyName = staging.regions().get(1).plan().regionalDomain().orElseThrow();
        String primaryCheck = global.healthCheckOf(primaryName).orElseThrow().logicalId();
        assertThat(global.failoverRecords())
                .extracting(
                        GlobalStackTemplate.FailoverRecord::failover,
                        GlobalStackTemplate.FailoverRecord::aliasTarget,
                        record -> record.healthCheckId().orElse(null))
                .contains(
                        org.assertj.core.groups.Tuple.tuple("PRIMARY", primaryName + ".", primaryCheck),
                        org.assertj.core.groups.Tuple.tuple("SECONDARY", standbyName + ".", null))
                .hasSize(2);
    }

    @Test
    void theSynthesizedDeploymentHoldsTogether() {
        assertThat(SeamCheck.problems(staging)).isEmpty();
    }

    /**
     * Both region stacks resolved with one set of secrets, kept in a file and read back as a later process reads it:
     * the standby's api logs in with the primary's credentials (read from their replica in its region) at its own
     * region's database, the cross-region replica.
     */
    @Test
    void bothRegionsServicesResolveAgainstTheirOwnStandInsWithTheKeptSecrets() {
        Path file = WORK.resolve("rehearsal-secrets.json");
        EnvironmentSecrets up = EnvironmentSecrets.loadOrGenerate(file, staging);
        EnvironmentSecrets drill = EnvironmentSecrets.loadOrGenerate(file, staging);
        LocalEndpoints east =
                new LocalEndpoints("127.0.1.2", "127.0.1.3", "http://127.0.1.4:1/e", "http://127.0.1.4:1/e/j");
        LocalEndpoints west =
                new LocalEndpoints("127.0.2.2", "127.0.2.3", "http://127.0.2.4:1/w", "http://127.0.2.4:1/w/j");
        RegionValues primary = new RegionValues(staging.regions().get(0), up, east);
        RegionValues standby = new RegionValues(staging.regions().get(1), drill, west);

        Map<String, String> primaryApi = primary.service("api").environment();
        Map<String, String> standbyApi = standby.service("api").environment();
        assertThat(standbyApi.get(ContainerVariables.R2DBC_USERNAME))
                .isEqualTo(primaryApi.get(ContainerVariables.R2DBC_USERNAME));
        assertThat(standbyApi.get(ContainerVariables.R2DBC_PASSWORD))
                .isNotBlank()
                .isEqualTo(primaryApi.get(ContainerVariables.R2DBC_PASSWORD));
        assertThat(standbyApi.get(ContainerVariables.R2DBC_URL)).contains("//" + west.databaseAddress() + ":");
        assertThat(primaryApi.get(ContainerVariables.R2DBC_URL)).contains("//" + east.databaseAddress() + ":");
        assertThat(standbyApi.get(ContainerVariables.REDIS_PASSWORD))
                .isEqualTo(standby.cacheAuthToken().orElseThrow())
                .isNotEqualTo(primary.cacheAuthToken().orElseThrow());
        assertThat(standbyApi)
                .containsEntry(
                        ContainerVariables.AWS_REGION,
                        staging.regions().get(1).template().region());
        for (RegionValues region : List.of(primary, standby)) {
            assertThat(region.service("web").environment()).containsKey(ContainerVariables.PLATFORM_REGION_ROLE);
        }

        RegionValues.ServiceEnvironment migration = primary.service("api");
        RegionValues.DatabaseMaster master = primary.databaseMaster().orElseThrow();
        assertThat(migration.migrationCommand()).containsExactly("migrate");
        assertThat(migration.migrationEnvironment())
                .containsEntry(ContainerVariables.FLYWAY_USER, master.username())
                .containsEntry(ContainerVariables.FLYWAY_PASSWORD, master.password());
        assertThat(master.databaseName()).isEqualTo(deployment.database().databaseName());
        assertThat(standby.databaseMaster()).isEmpty();
    }

    @Test
    void aContainerWithoutAVariableTheServiceNeedsFailsNamingItsTaskDefinition() throws IOException {
        RegionStackTemplate primary = staging.regions().get(0).template();
        String task = primary.service("api").container().taskDefinitionId();
        EnvironmentTemplates broken = withDefect(primary.stack().name(), template -> {
            for (JsonNode container :
                    template.path("Resources").path(task).path("Properties").path("ContainerDefinitions")) {
                ArrayNode environment = (ArrayNode) container.path("Environment");
                for (int i = environment.size() - 1; i >= 0; i--) {
                    if (environment.get(i).path("Name").asText().equals(ContainerVariables.REDIS_HOST)) {
                        environment.remove(i);
                    }
                }
            }
        });
        assertThatThrownBy(() -> SeamCheck.requireSound(broken))
                .hasMessageContaining(task)
                .hasMessageContaining("does not set " + ContainerVariables.REDIS_HOST);
    }

    @Test
    void aListenerRuleSendingTheDeepHealthPathElsewhereFailsNamingTheRule() throws IOException {
        RegionStackTemplate primary = staging.regions().get(0).template();
        ListenerRules.Rule deep =
                primary.listener().orElseThrow().ruleFor("/health/deep").orElseThrow();
        String web = primary.service("web").targetGroupId().orElseThrow();
        EnvironmentTemplates broken = withDefect(
                primary.stack().name(),
                template -> ((ObjectNode) template.path("Resources")
                                .path(deep.id())
                                .path("Properties")
                                .path("Actions")
                                .get(0)
                                .path("TargetGroupArn"))
                        .put("Ref", web));
        assertThatThrownBy(() -> SeamCheck.requireSound(broken))
                .hasMessageContaining("rule " + deep.id())
                .hasMessageContaining("sends /health/deep")
                .hasMessageContaining(web);
    }

    @Test
    void aTargetGroupCheckingAPathTheServiceDoesNotServeFailsNamingTheTargetGroup() throws IOException {
        RegionStackTemplate standby = staging.regions().get(1).template();
        String targets = standby.service("api").targetGroupId().orElseThrow();
        EnvironmentTemplates broken = withDefect(
                standby.stack().name(),
                template -> ((ObjectNode)
                                template.path("Resources").path(targets).path("Properties"))
                        .put("HealthCheckPath", "/actuator/health/ready"));
        assertThatThrownBy(() -> SeamCheck.requireSound(broken))
                .hasMessageContaining(targets + " checks api's targets on /actuator/health/ready")
                .hasMessageContaining("does not serve");
    }

    @Test
    void aRedisPortTheReplicationGroupDoesNotListenOnFailsNamingTheGroup() throws IOException {
        RegionStackTemplate primary = staging.regions().get(0).template();
        var cache = primary.cache().orElseThrow();
        EnvironmentTemplates broken = withDefect(
                primary.stack().name(),
                template -> ((ObjectNode) template.path("Resources")
                                .path(cache.logicalId())
                                .path("Properties"))
                        .put("Port", cache.port() + 1));
        assertThatThrownBy(() -> SeamCheck.requireSound(broken))
                .hasMessageContaining(cache.logicalId() + " listens on " + (cache.port() + 1))
                .hasMessageContaining(ContainerVariables.REDIS_PORT + "=" + cache.port());
    }

    @Test
    void drLocalCheckListsTheResourcesByLogicalIdAndExitsNonZeroOnADefect() throws IOException {
        RegionStackTemplate primary = staging.regions().get(0).template();
        var cache = primary.cache().orElseThrow();
        String clean = drLocalCheck(WORK.resolve("cdk.out"), 0);
        assertThat(clean)
                .contains(primary.stack().name())
                .contains(primary.regionDatabase().orElseThrow().logicalId() + " ")
                .contains(cache.logicalId() + " ")
                .contains(primary.service("api").logicalId() + " ")
                .contains(
                        staging.global().orElseThrow().failoverRecords().get(0).logicalId() + " ")
                .contains("seams hold");

        withDefect(
                primary.stack().name(),
                template -> ((ObjectNode) template.path("Resources")
                                .path(cache.logicalId())
                                .path("Properties"))
                        .put("Port", cache.port() + 1));
        Path defective;
        try (Stream<Path> copies = Files.list(WORK)) {
            defective = copies.filter(p -> p.getFileName().toString().startsWith("defect-"))
                    .max(java.util.Comparator.comparing(p -> p.toFile().lastModified()))
                    .orElseThrow();
        }
        assertThat(drLocalCheck(defective, 1)).contains("seam defects:").contains(cache.logicalId());
    }

    private static String drLocalCheck(Path assembly, int expectedExit) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream console = System.out;
        int exit;
        try (java.io.PrintStream capture =
                new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8)) {
            System.setOut(capture);
            exit = io.drplatform.dr.cli.DrCommand.commandLine()
                    .execute(
                            "local",
                            "check",
                            "--manifest",
                            MANIFEST.toString(),
                            "--environment",
                            "staging",
                            "--assembly",
                            assembly.toString());
        } finally {
            System.setOut(console);
        }
        String text = out.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(exit).as("exit of dr local check; it printed:%n%s", text).isEqualTo(expectedExit);
        return text;
    }

    /** A copy of the staging assembly with one stack's template changed, read as a rehearsal reads it. */
    private static EnvironmentTemplates withDefect(String stackName, Consumer<JsonNode> defect) throws IOException {
        Path source = WORK.resolve("cdk.out");
        Path copy = Files.createTempDirectory(WORK, "defect-");
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        Path template = copy.resolve(stackName + ".template.json");
        JsonNode tree = JSON.readTree(template.toFile());
        defect.accept(tree);
        Files.writeString(template, JSON.writeValueAsString(tree));
        return EnvironmentTemplates.read(CloudAssembly.read(copy), deployment);
    }
}
