package io.drplatform.cdk.services;

import io.drplatform.manifest.model.Autoscaling;
import io.drplatform.manifest.model.SecretReference;
import io.drplatform.manifest.model.ServiceSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.applicationautoscaling.EnableScalingProps;
import software.amazon.awscdk.services.certificatemanager.Certificate;
import software.amazon.awscdk.services.certificatemanager.CertificateValidation;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ecs.AssetImageProps;
import software.amazon.awscdk.services.ecs.AwsLogDriverMode;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.ContainerInsights;
import software.amazon.awscdk.services.ecs.CpuUtilizationScalingProps;
import software.amazon.awscdk.services.ecs.DeploymentCircuitBreaker;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.LogDrivers;
import software.amazon.awscdk.services.ecs.MemoryUtilizationScalingProps;
import software.amazon.awscdk.services.ecs.PortMapping;
import software.amazon.awscdk.services.ecs.PropagatedTagSource;
import software.amazon.awscdk.services.ecs.RequestCountScalingProps;
import software.amazon.awscdk.services.ecs.ScalableTaskCount;
import software.amazon.awscdk.services.ecs.Secret;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationListener;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationLoadBalancer;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationLoadBalancerRedirectConfig;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationProtocol;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationTargetGroup;
import software.amazon.awscdk.services.elasticloadbalancingv2.BaseApplicationListenerProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.FixedResponseOptions;
import software.amazon.awscdk.services.elasticloadbalancingv2.HealthCheck;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerAction;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerCertificate;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerCondition;
import software.amazon.awscdk.services.elasticloadbalancingv2.SslPolicy;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.route53.IHostedZone;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.constructs.Construct;

/**
 * The application's compute: an ECS cluster with Container Insights, one Fargate service per manifest entry,
 * and one internet-facing ALB that terminates TLS, redirects HTTP to HTTPS and routes paths to services.
 *
 * <p>Deployments roll back by themselves (ECS circuit breaker). The target health check is the shallow one:
 * a database problem must not make ECS replace healthy tasks.
 */
public class ApplicationServices extends Construct {
    /** ALB rules accept at most five path patterns per condition. */
    private static final int PATTERNS_PER_RULE = 5;

    /**
     * @param imageBase      directory that relative image build contexts are resolved against
     * @param containerSettings connection settings the platform injects per service
     * @param migrationSettings  the settings of a service's migration task; null where no migration may run (the
     *                          database is a read-only replica)
     */
    public record Props(
            IVpc vpc,
            SubnetSelection taskSubnets,
            SubnetSelection loadBalancerSubnets,
            String name,
            List<ServiceSpec> services,
            IHostedZone hostedZone,
            String domainName,
            Path imageBase,
            RetentionDays logRetention,
            RemovalPolicy logRemovalPolicy,
            Function<ServiceSpec, ContainerSettings> containerSettings,
            Function<ServiceSpec, ContainerSettings> migrationSettings,
            List<String> alternativeNames) {}

    private final Cluster cluster;
    private final ApplicationLoadBalancer loadBalancer;
    private final ApplicationListener httpsListener;
    private final Map<String, FargateService> services = new LinkedHashMap<>();
    private final Map<String, ApplicationTargetGroup> targetGroups = new LinkedHashMap<>();
    private final Map<String, LogGroup> logGroups = new LinkedHashMap<>();
    private final Map<String, MigrationRun> migrations = new LinkedHashMap<>();

    public ApplicationServices(Construct scope, String id, Props props) {
        super(scope, id);

        this.cluster = Cluster.Builder.create(this, "Cluster")
                .vpc(props.vpc())
                .clusterName(props.name())
                .containerInsightsV2(ContainerInsights.ENABLED)
                .build();

        Bucket accessLogs = Bucket.Builder.create(this, "AccessLogs")
                .encryption(BucketEncryption.S3_MANAGED) // ALB log delivery supports only SSE-S3
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .enforceSsl(true)
                .versioned(false)
                .lifecycleRules(List.of(
                        LifecycleRule.builder().expiration(Duration.days(90)).build()))
                .removalPolicy(props.logRemovalPolicy())
                .autoDeleteObjects(props.logRemovalPolicy() == RemovalPolicy.DESTROY)
                .build();

        SecurityGroup albSecurityGroup = SecurityGroup.Builder.create(this, "LoadBalancerSecurityGroup")
                .vpc(props.vpc())
                .description("Public entry point of " + props.name() + ": HTTPS, and HTTP only to redirect")
                .allowAllOutbound(false)
                .build();
        albSecurityGroup.addIngressRule(Peer.anyIpv4(), Port.tcp(443), "HTTPS from the internet");
        albSecurityGroup.addIngressRule(Peer.anyIpv4(), Port.tcp(80), "HTTP from the internet, redirected to HTTPS");

        this.loadBalancer = ApplicationLoadBalancer.Builder.create(this, "LoadBalancer")
                .vpc(props.vpc())
                .vpcSubnets(props.loadBalancerSubnets())
                .internetFacing(true)
                .securityGroup(albSecurityGroup)
                .dropInvalidHeaderFields(true)
                .deletionProtection(props.logRemovalPolicy() == RemovalPolicy.RETAIN)
                .build();
        loadBalancer.logAccessLogs(accessLogs, "alb");

        Certificate certificate = Certificate.Builder.create(this, "Certificate")
                .domainName(props.domainName())
                .subjectAlternativeNames(props.alternativeNames().isEmpty() ? null : props.alternativeNames())
                .validation(CertificateValidation.fromDns(props.hostedZone()))
                .build();

        for (ServiceSpec spec : props.services()) {
            targetGroups.put(spec.name(), targetGroup(spec, addService(props, spec)));
        }
        this.httpsListener = loadBalancer.addListener(
                "Https",
                BaseApplicationListenerProps.builder()
                        .port(443)
                        .protocol(ApplicationProtocol.HTTPS)
                        .certificates(List.of(ListenerCertificate.fromCertificateManager(certificate)))
                        .sslPolicy(SslPolicy.RECOMMENDED_TLS)
                        .open(false)
                        .defaultAction(defaultAction(props.services()))
                        .build());
        loadBalancer.addRedirect(ApplicationLoadBalancerRedirectConfig.builder()
                .sourcePort(80)
                .sourceProtocol(ApplicationProtocol.HTTP)
                .targetPort(443)
                .targetProtocol(ApplicationProtocol.HTTPS)
                .open(false)
                .build());

        int priority = 10;
        for (ServiceSpec spec : props.services()) {
            priority = route(spec, priority);
        }
        // New tasks of every service that uses the database start only on the migrated schema.
        props.services().stream()
                .filter(spec -> spec.connectsTo("database"))
                .forEach(spec -> migrations
                        .values()
                        .forEach(
                                migration -> services.get(spec.name()).getNode().addDependency(migration)));
    }

    /** The service without routes takes every request no rule matches; without one, such a request gets a 404. */
    private ListenerAction defaultAction(List<ServiceSpec> specs) {
        return specs.stream()
                .filter(spec -> routes(spec).isEmpty())
                .findFirst()
                .map(spec -> ListenerAction.forward(List.of(targetGroups.get(spec.name()))))
                .orElseGet(() -> ListenerAction.fixedResponse(
                        404,
                        FixedResponseOptions.builder()
                                .contentType("application/problem+json")
                                .messageBody("{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404}")
                                .build()));
    }

    private static List<String> routes(ServiceSpec spec) {
        return spec.routes() == null ? List.of() : spec.routes();
    }

    private FargateService addService(Props props, ServiceSpec spec) {
        Construct scope = new Construct(this, spec.name());
        LogGroup logs = LogGroup.Builder.create(scope, "Logs")
                .logGroupName("/ecs/" + props.name() + "/" + spec.name())
                .retention(props.logRetention())
                .removalPolicy(props.logRemovalPolicy())
                .build();
        logGroups.put(spec.name(), logs);

        FargateTaskDefinition task = taskDefinition(
                scope,
                "Task",
                props.name() + "-" + spec.name(),
                props,
                spec,
                props.containerSettings().apply(spec),
                logs,
                null);

        SecurityGroup tasks = SecurityGroup.Builder.create(scope, "SecurityGroup")
                .vpc(props.vpc())
                .description(spec.name() + " tasks: reached only through the load balancer")
                .allowAllOutbound(true) // AWS APIs, database and cache; all inside the VPC or through endpoints/NAT
                .build();

        FargateService service = FargateService.Builder.create(scope, "Service")
                .serviceName(spec.name())
                .cluster(cluster)
                .taskDefinition(task)
                .desiredCount(spec.desiredCount())
                .minHealthyPercent(100)
                .maxHealthyPercent(200)
                .circuitBreaker(DeploymentCircuitBreaker.builder()
                        .enable(true)
                        .rollback(true)
                        .build())
                .vpcSubnets(props.taskSubnets())
                .securityGroups(List.of(tasks))
                .assignPublicIp(false)
                .healthCheckGracePeriod(Duration.seconds(90))
                .enableEcsManagedTags(true)
                .propagateTags(PropagatedTagSource.SERVICE)
                .build();
        services.put(spec.name(), service);
        if (spec.migrates() && props.migrationSettings() != null) {
            FargateTaskDefinition migration = taskDefinition(
                    scope,
                    "MigrationTask",
                    props.name() + "-" + spec.name() + "-migrate",
                    props,
                    spec,
                    props.migrationSettings().apply(spec),
                    logs,
                    spec.migrations().command());
            migrations.put(
                    spec.name(),
                    new MigrationRun(
                            scope,
                            "Migration",
                            new MigrationRun.Props(
                                    cluster,
                                    migration,
                                    props.vpc()
                                            .selectSubnets(props.taskSubnets())
                                            .getSubnetIds(),
                                    tasks,
                                    spec.name())));
        }
        return service;
    }

    /** A task definition with the service's image and the platform's settings layered under the manifest's own. */
    private FargateTaskDefinition taskDefinition(
            Construct scope,
            String id,
            String family,
            Props props,
            ServiceSpec spec,
            ContainerSettings platform,
            LogGroup logs,
            List<String> command) {
        FargateTaskDefinition task = FargateTaskDefinition.Builder.create(scope, id)
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
            spec.secrets().forEach((variable, ref) -> secrets.put(variable, secretFrom(scope, id + variable, ref)));
        }
        platform.readAtRunTime().forEach(secret -> secret.grantRead(task.getTaskRole()));
        task.addContainer(
                "app",
                ContainerDefinitionOptions.builder()
                        .containerName(spec.name())
                        .image(image(props.imageBase(), spec))
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
                        .stopTimeout(Duration.seconds(30)) // the service drains in-flight requests for up to 25 s
                        .essential(true)
                        .build());
        return task;
    }

    private ApplicationTargetGroup targetGroup(ServiceSpec spec, FargateService service) {
        ApplicationTargetGroup group = ApplicationTargetGroup.Builder.create(this, spec.name() + "Targets")
                .vpc(cluster.getVpc())
                .port(spec.containerPort())
                .protocol(ApplicationProtocol.HTTP)
                .targets(List.of(service))
                .deregistrationDelay(Duration.seconds(30))
                .healthCheck(HealthCheck.builder()
                        .path(spec.healthCheckPath())
                        .healthyHttpCodes("200")
                        .interval(Duration.seconds(15))
                        .timeout(Duration.seconds(5))
                        .healthyThresholdCount(2)
                        .unhealthyThresholdCount(3)
                        .build())
                .build();
        service.getConnections().allowFrom(loadBalancer, Port.tcp(spec.containerPort()), "from the load balancer");
        return group;
    }

    /** Path rules of one service from {@code firstPriority} on, then its scaling (request counts need the listener). */
    private int route(ServiceSpec spec, int firstPriority) {
        ApplicationTargetGroup group = targetGroups.get(spec.name());
        int priority = firstPriority;
        List<String> routes = routes(spec);
        for (int from = 0; from < routes.size(); from += PATTERNS_PER_RULE) {
            List<String> chunk = routes.subList(from, Math.min(from + PATTERNS_PER_RULE, routes.size()));
            httpsListener.addTargetGroups(
                    spec.name() + "Rule" + priority,
                    software.amazon.awscdk.services.elasticloadbalancingv2.AddApplicationTargetGroupsProps.builder()
                            .priority(priority)
                            .conditions(List.of(ListenerCondition.pathPatterns(chunk)))
                            .targetGroups(List.of(group))
                            .build());
            priority++;
        }
        scale(spec, services.get(spec.name()), group);
        return priority;
    }

    private void scale(ServiceSpec spec, FargateService service, ApplicationTargetGroup group) {
        if (spec.maxCount() <= spec.minCount()) {
            return; // fixed size, nothing to scale
        }
        ScalableTaskCount scaling = service.autoScaleTaskCount(EnableScalingProps.builder()
                .minCapacity(spec.minCount())
                .maxCapacity(spec.maxCount())
                .build());
        Autoscaling targets = spec.autoscaling();
        if (targets == null) {
            return;
        }
        if (targets.cpuPercent() != null) {
            scaling.scaleOnCpuUtilization(
                    "Cpu",
                    CpuUtilizationScalingProps.builder()
                            .targetUtilizationPercent(targets.cpuPercent())
                            .scaleOutCooldown(Duration.seconds(60))
                            .scaleInCooldown(Duration.seconds(300))
                            .build());
        }
        if (targets.memoryPercent() != null) {
            scaling.scaleOnMemoryUtilization(
                    "Memory",
                    MemoryUtilizationScalingProps.builder()
                            .targetUtilizationPercent(targets.memoryPercent())
                            .scaleOutCooldown(Duration.seconds(60))
                            .scaleInCooldown(Duration.seconds(300))
                            .build());
        }
        if (targets.requestsPerTarget() != null) {
            scaling.scaleOnRequestCount(
                    "Requests",
                    RequestCountScalingProps.builder()
                            .requestsPerTarget(targets.requestsPerTarget())
                            .targetGroup(group)
                            .scaleOutCooldown(Duration.seconds(60))
                            .scaleInCooldown(Duration.seconds(300))
                            .build());
        }
    }

    private static ContainerImage image(Path base, ServiceSpec spec) {
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

    private static Secret secretFrom(Construct scope, String variable, SecretReference ref) {
        ISecret secret = software.amazon.awscdk.services.secretsmanager.Secret.fromSecretNameV2(
                scope, "Secret" + variable, ref.name());
        return ref.jsonKey() == null
                ? Secret.fromSecretsManager(secret)
                : Secret.fromSecretsManager(secret, ref.jsonKey());
    }

    /**
     * Routes the Route 53 deep-health path to one service ahead of every other rule, so the health checkers reach
     * the service that can prove the database is writable whatever the service's own routes are.
     */
    public void routeHealthPath(String serviceName, String path) {
        httpsListener.addTargetGroups(
                "DeepHealth",
                software.amazon.awscdk.services.elasticloadbalancingv2.AddApplicationTargetGroupsProps.builder()
                        .priority(1)
                        .conditions(List.of(ListenerCondition.pathPatterns(List.of(path))))
                        .targetGroups(List.of(targetGroups.get(serviceName)))
                        .build());
    }

    public Cluster getCluster() {
        return cluster;
    }

    public ApplicationLoadBalancer getLoadBalancer() {
        return loadBalancer;
    }

    public ApplicationListener getHttpsListener() {
        return httpsListener;
    }

    public Map<String, FargateService> getServices() {
        return services;
    }

    /** Each service's log group ({@code /ecs/<name>/<service>}), by service name. */
    public Map<String, LogGroup> getLogGroups() {
        return logGroups;
    }

    /** The migration run of each service that declares one, where migrations may run. */
    public Map<String, MigrationRun> getMigrations() {
        return migrations;
    }

    public Map<String, ApplicationTargetGroup> getTargetGroups() {
        return targetGroups;
    }

    public List<FargateService> serviceList() {
        return new ArrayList<>(services.values());
    }
}
