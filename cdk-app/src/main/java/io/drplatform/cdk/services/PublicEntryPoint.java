package io.drplatform.cdk.services;

import java.util.List;
import java.util.Objects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.certificatemanager.Certificate;
import software.amazon.awscdk.services.certificatemanager.CertificateValidation;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.elasticloadbalancingv2.AddApplicationTargetGroupsProps;
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
import software.amazon.awscdk.services.route53.IHostedZone;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.constructs.Construct;

/**
 * The application's public entry point in a region: an internet-facing load balancer with its security group (HTTPS,
 * and HTTP only to redirect), its access-log bucket and its certificate; the HTTPS listener, and the path rules that
 * send requests to the services' target groups.
 *
 * <p>Built directly in the scope it is given rather than in a construct of its own: the resources' construct paths,
 * and so their logical ids, are the scope's. Another level would rename them, and CloudFormation would replace the
 * load balancer of every deployed stack.
 *
 * <p>The target health check is the shallow one: a database problem must not make ECS replace healthy tasks.
 */
public final class PublicEntryPoint {
    /** ALB rules accept at most five path patterns per condition. */
    private static final int PATTERNS_PER_RULE = 5;

    /** Ahead of every path rule: see {@link #routeFirst}. */
    private static final int FIRST_PRIORITY = 1;

    /**
     * @param name             names the entry point in descriptions
     * @param domainName       the certificate's name
     * @param alternativeNames further names on the certificate (the regional name, with a standby)
     * @param logRemovalPolicy RETAIN also keeps the load balancer from being deleted
     */
    public record Props(
            IVpc vpc,
            SubnetSelection subnets,
            String name,
            IHostedZone hostedZone,
            String domainName,
            List<String> alternativeNames,
            RemovalPolicy logRemovalPolicy) {
        public Props {
            Objects.requireNonNull(vpc, "vpc");
            Objects.requireNonNull(hostedZone, "hostedZone");
            Objects.requireNonNull(domainName, "domainName");
            alternativeNames = alternativeNames == null ? List.of() : List.copyOf(alternativeNames);
        }
    }

    private final Construct scope;
    private final IVpc vpc;
    private final ApplicationLoadBalancer loadBalancer;
    private final Certificate certificate;
    private ApplicationListener httpsListener;

    public PublicEntryPoint(Construct scope, Props props) {
        this.scope = scope;
        this.vpc = props.vpc();
        Bucket accessLogs = Bucket.Builder.create(scope, "AccessLogs")
                .encryption(BucketEncryption.S3_MANAGED) // ALB log delivery supports only SSE-S3
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .enforceSsl(true)
                .versioned(false)
                .lifecycleRules(List.of(
                        LifecycleRule.builder().expiration(Duration.days(90)).build()))
                .removalPolicy(props.logRemovalPolicy())
                .autoDeleteObjects(props.logRemovalPolicy() == RemovalPolicy.DESTROY)
                .build();

        SecurityGroup securityGroup = SecurityGroup.Builder.create(scope, "LoadBalancerSecurityGroup")
                .vpc(props.vpc())
                .description("Public entry point of " + props.name() + ": HTTPS, and HTTP only to redirect")
                .allowAllOutbound(false)
                .build();
        securityGroup.addIngressRule(Peer.anyIpv4(), Port.tcp(443), "HTTPS from the internet");
        securityGroup.addIngressRule(Peer.anyIpv4(), Port.tcp(80), "HTTP from the internet, redirected to HTTPS");

        this.loadBalancer = ApplicationLoadBalancer.Builder.create(scope, "LoadBalancer")
                .vpc(props.vpc())
                .vpcSubnets(props.subnets())
                .internetFacing(true)
                .securityGroup(securityGroup)
                .dropInvalidHeaderFields(true)
                .deletionProtection(props.logRemovalPolicy() == RemovalPolicy.RETAIN)
                .build();
        loadBalancer.logAccessLogs(accessLogs, "alb");

        this.certificate = Certificate.Builder.create(scope, "Certificate")
                .domainName(props.domainName())
                .subjectAlternativeNames(props.alternativeNames().isEmpty() ? null : props.alternativeNames())
                .validation(CertificateValidation.fromDns(props.hostedZone()))
                .build();
    }

    /** A target group of a service's tasks, checked on the service's shallow health path, admitted from the ALB. */
    public ApplicationTargetGroup targetGroup(String id, FargateService service, int port, String healthCheckPath) {
        ApplicationTargetGroup group = ApplicationTargetGroup.Builder.create(scope, id)
                .vpc(vpc)
                .port(port)
                .protocol(ApplicationProtocol.HTTP)
                .targets(List.of(service))
                .deregistrationDelay(Duration.seconds(30))
                .healthCheck(HealthCheck.builder()
                        .path(healthCheckPath)
                        .healthyHttpCodes("200")
                        .interval(Duration.seconds(15))
                        .timeout(Duration.seconds(5))
                        .healthyThresholdCount(2)
                        .unhealthyThresholdCount(3)
                        .build())
                .build();
        service.getConnections().allowFrom(loadBalancer, Port.tcp(port), "from the load balancer");
        return group;
    }

    /**
     * Opens the HTTPS listener, and redirects HTTP to it. Requests no rule matches go to {@code defaultTargets}; without
     * one (null) they get a problem+json 404. Set once: a second default action would replace the first with a warning.
     */
    public ApplicationListener listen(ApplicationTargetGroup defaultTargets) {
        if (httpsListener != null) {
            throw new IllegalStateException("the HTTPS listener is already open");
        }
        this.httpsListener = loadBalancer.addListener(
                "Https",
                BaseApplicationListenerProps.builder()
                        .port(443)
                        .protocol(ApplicationProtocol.HTTPS)
                        .certificates(List.of(ListenerCertificate.fromCertificateManager(certificate)))
                        .sslPolicy(SslPolicy.RECOMMENDED_TLS)
                        .open(false)
                        .defaultAction(defaultAction(defaultTargets))
                        .build());
        loadBalancer.addRedirect(ApplicationLoadBalancerRedirectConfig.builder()
                .sourcePort(80)
                .sourceProtocol(ApplicationProtocol.HTTP)
                .targetPort(443)
                .targetProtocol(ApplicationProtocol.HTTPS)
                .open(false)
                .build());
        return httpsListener;
    }

    private static ListenerAction defaultAction(ApplicationTargetGroup targets) {
        return targets != null
                ? ListenerAction.forward(List.of(targets))
                : ListenerAction.fixedResponse(
                        404,
                        FixedResponseOptions.builder()
                                .contentType("application/problem+json")
                                .messageBody("{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404}")
                                .build());
    }

    /**
     * Path rules to {@code targets}, {@code <rulePrefix><priority>}, five patterns per rule from {@code firstPriority}
     * on; returns the next free priority.
     */
    public int route(String rulePrefix, int firstPriority, List<String> paths, ApplicationTargetGroup targets) {
        int priority = firstPriority;
        for (int from = 0; from < paths.size(); from += PATTERNS_PER_RULE) {
            rule(
                    rulePrefix + priority,
                    priority,
                    paths.subList(from, Math.min(from + PATTERNS_PER_RULE, paths.size())),
                    targets);
            priority++;
        }
        return priority;
    }

    /** One path routed to {@code targets} ahead of every other rule. */
    public void routeFirst(String id, String path, ApplicationTargetGroup targets) {
        rule(id, FIRST_PRIORITY, List.of(path), targets);
    }

    private void rule(String id, int priority, List<String> paths, ApplicationTargetGroup targets) {
        if (httpsListener == null) {
            throw new IllegalStateException("open the HTTPS listener (listen) before adding rules");
        }
        httpsListener.addTargetGroups(
                id,
                AddApplicationTargetGroupsProps.builder()
                        .priority(priority)
                        .conditions(List.of(ListenerCondition.pathPatterns(paths)))
                        .targetGroups(List.of(targets))
                        .build());
    }

    public ApplicationLoadBalancer getLoadBalancer() {
        return loadBalancer;
    }

    /** The HTTPS listener; null until {@link #listen}. */
    public ApplicationListener getHttpsListener() {
        return httpsListener;
    }
}
