package io.drplatform.cdk.services;

import io.drplatform.manifest.model.Autoscaling;
import io.drplatform.manifest.model.ContainerHealthCheck;
import io.drplatform.manifest.model.SecretReference;
import io.drplatform.manifest.model.ServiceSpec;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.applicationautoscaling.EnableScalingProps;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ecs.AssetImageProps;
import software.amazon.awscdk.services.ecs.AwsLogDriverMode;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.ecs.ContainerDefinition;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.CpuUtilizationScalingProps;
import software.amazon.awscdk.services.ecs.DeploymentCircuitBreaker;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.HealthCheck;
import software.amazon.awscdk.services.ecs.ICluster;
import software.amazon.awscdk.services.ecs.LogDrivers;
import software.amazon.awscdk.services.ecs.MemoryUtilizationScalingProps;
import software.amazon.awscdk.services.ecs.PortMapping;
import software.amazon.awscdk.services.ecs.PropagatedTagSource;
import software.amazon.awscdk.services.ecs.RequestCountScalingProps;
import software.amazon.awscdk.services.ecs.ScalableTaskCount;
import software.amazon.awscdk.services.ecs.Secret;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationTargetGroup;
import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.constructs.Construct;

/**
 * One service of the application on Fargate: its log group, task definition, security group and ECS service, its
 * task-count scaling and, where it may migrate its schema, the migration task and the {@link MigrationRun} that runs it
 * during the stack update.
 *
 * <p>Deployments roll back by themselves (ECS circuit breaker). The container's environment is the platform's settings
 * with the manifest's own variables layered over them. A service's container health check runs in its tasks, not in
 * its migration task; the load balancer waits for a task at least as long as the check's start period. Both tasks run
 * the same image, so both get the service's user, read-only root file system and {@link ScratchVolumes}.
 */
public class ContainerService extends Construct {
    private static final Duration SCALE_OUT_COOLDOWN = Duration.seconds(60);
    private static final Duration SCALE_IN_COOLDOWN = Duration.seconds(300);
    /** How long new tasks may fail the load balancer's checks while they start, unless their own start takes longer. */
    private static final int GRACE_PERIOD_SECONDS = 90;

    /**
     * @param prefix            names the task definition families ({@code <prefix>-<service>}) and the log group
     *                          ({@code /ecs/<prefix>/<service>})
     * @param imageBase         directory that a relative image build context is resolved against
     * @param settings          what the platform adds to the service's container
     * @param migrationSettings what the platform adds to the migration task's container; null where no migration may
     *                          run (the database is a read-only replica)
     */
    public record Props(
            ICluster cluster,
            SubnetSelection subnets,
            String prefix,
            ServiceSpec spec,
            Path imageBase,
            RetentionDays logRetention,
            RemovalPolicy logRemovalPolicy,
            ContainerSettings settings,
            ContainerSettings migrationSettings) {
        public Props {
            Objects.requireNonNull(cluster, "cluster");
            Objects.requireNonNull(spec, "spec");
            Objects.requireNonNull(settings, "settings");
        }
    }

    /** The id of the task role's PutMetricData policy, for services that publish metrics. */
    public static final String PUBLISH_METRICS = "PublishMetrics";

    private final ServiceSpec spec;
    private final LogGroup logs;
    private final FargateService service;
    private final MigrationRun migration;

    public ContainerService(Construct scope, String id, Props props) {
        super(scope, id);
        this.spec = props.spec();
        String prefix = props.prefix();
        this.logs = LogGroup.Builder.create(this, "Logs")
                .logGroupName("/ecs/" + prefix + "/" + spec.name())
                .retention(props.logRetention())
                .removalPolicy(props.logRemovalPolicy())
                .build();

        FargateTaskDefinition task =
                taskDefinition("Task", prefix + "-" + spec.name(), props.imageBase(), props.settings(), null);

        SecurityGroup tasks = SecurityGroup.Builder.create(this, "SecurityGroup")
                .vpc(props.cluster().getVpc())
                .description(spec.name() + " tasks: reached only through the load balancer")
                .allowAllOutbound(true) // AWS APIs, database and cache; all inside the VPC or through endpoints/NAT
                .build();

        this.service = FargateService.Builder.create(this, "Service")
                .serviceName(spec.name())
                .cluster(props.cluster())
                .taskDefinition(task)
                .desiredCount(spec.desiredCount())
                .minHealthyPercent(100)
                .maxHealthyPercent(200)
                .circuitBreaker(DeploymentCircuitBreaker.builder()
                        .enable(true)
                        .rollback(true)
                        .build())
                .vpcSubnets(props.subnets())
                .securityGroups(List.of(tasks))
                .assignPublicIp(false)
                .healthCheckGracePeriod(Duration.seconds(gracePeriodSeconds(spec)))
                .enableEcsManagedTags(true)
                .propagateTags(PropagatedTagSource.SERVICE)
                .build();

        if (spec.migrates() && props.migrationSettings() != null) {
            FargateTaskDefinition migrationTask = taskDefinition(
                    "MigrationTask",
                    prefix + "-" + spec.name() + "-migrate",
                    props.imageBase(),
                    props.migrationSettings(),
                    spec.migrations().command());
            this.migration = new MigrationRun(
                    this,
                    "Migration",
                    new MigrationRun.Props(
                            props.cluster(),
                            migrationTask,
                            props.cluster()
                                    .getVpc()
                                    .selectSubnets(props.subnets())
                                    .getSubnetIds(),
                            tasks,
                            spec.name()));
        } else {
            this.migration = null;
        }
    }

    /**
     * Scales the task count between the service's minimum and maximum on the targets it sets (CPU, memory, requests
     * per target of {@code targets}); a service with a fixed size gets no scaling.
     */
    public void scale(ApplicationTargetGroup targets) {
        if (spec.maxCount() <= spec.minCount()) {
            return;
        }
        ScalableTaskCount scaling = service.autoScaleTaskCount(EnableScalingProps.builder()
                .minCapacity(spec.minCount())
                .maxCapacity(spec.maxCount())
                .build());
        Autoscaling on = spec.autoscaling();
        if (on == null) {
            return;
        }
        if (on.cpuPercent() != null) {
            scaling.scaleOnCpuUtilization(
                    "Cpu",
                    CpuUtilizationScalingProps.builder()
                            .targetUtilizationPercent(on.cpuPercent())
                            .scaleOutCooldown(SCALE_OUT_COOLDOWN)
                            .scaleInCooldown(SCALE_IN_COOLDOWN)
                            .build());
        }
        if (on.memoryPercent() != null) {
            scaling.scaleOnMemoryUtilization(
                    "Memory",
                    MemoryUtilizationScalingProps.builder()
                            .targetUtilizationPercent(on.memoryPercent())
                            .scaleOutCooldown(SCALE_OUT_COOLDOWN)
                            .scaleInCooldown(SCALE_IN_COOLDOWN)
                            .build());
        }
        if (on.requestsPerTarget() != null) {
            scaling.scaleOnRequestCount(
                    "Requests",
                    RequestCountScalingProps.builder()
                            .requestsPerTarget(on.requestsPerTarget())
                            .targetGroup(targets)
                            .scaleOutCooldown(SCALE_OUT_COOLDOWN)
                            .scaleInCooldown(SCALE_IN_COOLDOWN)
                            .build());
        }
    }

    /**
     * A task definition with the service's image and the platform's settings layered under the manifest's own; with a
     * {@code command}, a one-off task (no port, its own log stream prefix).
     */
    private FargateTaskDefinition taskDefinition(
            String id, String family, Path imageBase, ContainerSettings platform, List<String> command) {
        FargateTaskDefinition task = FargateTaskDefinition.Builder.create(this, id)
                .family(family)
                .cpu(spec.cpu())
                .memoryLimitMiB(spec.memory())
                .build();
        Map<String, String> environment = new LinkedHashMap<>(platform.environment());
        if (spec.environment() != null) {
            environment.putAll(spec.environment());
        }
        Map<String, Secret> secrets = new LinkedHashMap<>(platform.secrets());
        if (spec.secrets() != null) {
            spec.secrets().forEach((variable, ref) -> secrets.put(variable, secretFrom(id + variable, ref)));
        }
        platform.readAtRunTime().forEach(secret -> secret.grantRead(task.getTaskRole()));
        if (platform.metricsNamespace() != null) {
            // A policy of its own, so that the accepted wildcard finding names this statement only.
            Policy.Builder.create(this, PUBLISH_METRICS)
                    .statements(List.of(putMetricData(platform.metricsNamespace())))
                    .roles(List.of(task.getTaskRole()))
                    .build();
        }
        ContainerDefinition container = task.addContainer(
                "app",
                ContainerDefinitionOptions.builder()
                        .containerName(spec.name())
                        .image(image(imageBase))
                        .command(command)
                        .portMappings(
                                command == null
                                        ? List.of(PortMapping.builder()
                                                .containerPort(spec.containerPort())
                                                .build())
                                        : null)
                        .environment(environment)
                        .secrets(secrets)
                        .logging(LogDrivers.awsLogs(AwsLogDriverProps.builder()
                                .logGroup(logs)
                                .streamPrefix(command == null ? spec.name() : spec.name() + "-migrate")
                                .mode(AwsLogDriverMode.NON_BLOCKING)
                                .build()))
                        .healthCheck(command == null ? healthCheck() : null)
                        .stopTimeout(Duration.seconds(30)) // the service drains in-flight requests for up to 25 s
                        .essential(true)
                        // The migration runs the same image, so it needs the same user and writable paths.
                        .readonlyRootFilesystem(spec.hasReadOnlyRootFilesystem() ? true : null)
                        .user(spec.user())
                        .build());
        ScratchVolumes.mount(task, container, spec.scratchPaths());
        return task;
    }

    /**
     * PutMetricData has no resource-level permissions (its resource is always *): the namespace condition is what
     * keeps the task to its own metrics.
     */
    static PolicyStatement putMetricData(String namespace) {
        return PolicyStatement.Builder.create()
                .actions(List.of("cloudwatch:PutMetricData"))
                .resources(List.of("*"))
                .conditions(Map.of("StringEquals", Map.of("cloudwatch:namespace", namespace)))
                .build();
    }

    private HealthCheck healthCheck() {
        ContainerHealthCheck check = spec.healthCheck();
        if (check == null) {
            return null;
        }
        return HealthCheck.builder()
                .command(check.ecsCommand(spec.containerPort()))
                .interval(Duration.seconds(check.intervalSeconds()))
                .timeout(Duration.seconds(check.timeoutSeconds()))
                .retries(check.retries())
                .startPeriod(Duration.seconds(check.startPeriodSeconds()))
                .build();
    }

    /** The ECS service ignores failed load balancer checks of a new task for this long. */
    static int gracePeriodSeconds(ServiceSpec spec) {
        ContainerHealthCheck check = spec.healthCheck();
        return check == null ? GRACE_PERIOD_SECONDS : Math.max(GRACE_PERIOD_SECONDS, check.startPeriodSeconds());
    }

    private ContainerImage image(Path base) {
        if (spec.image().registry() != null) {
            return ContainerImage.fromRegistry(spec.image().registry());
        }
        // Synthesis only stages the build context; Docker runs at deploy time (cdk deploy / cdk-assets).
        return ContainerImage.fromAsset(
                base.resolve(spec.image().directory()).normalize().toString(),
                AssetImageProps.builder()
                        .file(spec.image().dockerfileOrDefault())
                        // The context's own .dockerignore narrows it further (the service's admits only its jar).
                        // Also never walk build output and dependency trees: fingerprinting a repository-root context
                        // would otherwise read every file under them before the .dockerignore drops them.
                        .exclude(List.of(
                                "node_modules",
                                ".git",
                                "cdk.out",
                                "**/node_modules",
                                "**/target",
                                "**/cdk.out",
                                "**/.git"))
                        .build());
    }

    private Secret secretFrom(String variable, SecretReference ref) {
        ISecret secret = software.amazon.awscdk.services.secretsmanager.Secret.fromSecretNameV2(
                this, "Secret" + variable, ref.name());
        return ref.jsonKey() == null
                ? Secret.fromSecretsManager(secret)
                : Secret.fromSecretsManager(secret, ref.jsonKey());
    }

    public FargateService getService() {
        return service;
    }

    /** {@code /ecs/<prefix>/<service>}: the service's and its migration task's logs. */
    public LogGroup getLogGroup() {
        return logs;
    }

    /** The migration run, where the service migrates and migrations may run; null elsewhere. */
    public MigrationRun getMigration() {
        return migration;
    }
}
