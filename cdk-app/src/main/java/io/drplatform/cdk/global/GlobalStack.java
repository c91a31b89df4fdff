package io.drplatform.cdk.global;

import io.drplatform.cdk.observability.AlarmFactory;
import io.drplatform.cdk.observability.AlarmTopics;
import io.drplatform.cdk.observability.DrAlarms;
import io.drplatform.cdk.security.WebAcl;
import io.drplatform.cdk.stack.DeploymentStack;
import io.drplatform.manifest.contract.PlatformParameters;
import io.drplatform.manifest.model.CdnSpec;
import io.drplatform.manifest.model.Deployment;
import io.drplatform.manifest.model.EnvironmentName;
import io.drplatform.manifest.model.ServiceSpec;
import io.drplatform.manifest.plan.RegionPlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.certificatemanager.Certificate;
import software.amazon.awscdk.services.certificatemanager.CertificateValidation;
import software.amazon.awscdk.services.cloudfront.AllowedMethods;
import software.amazon.awscdk.services.cloudfront.BehaviorOptions;
import software.amazon.awscdk.services.cloudfront.CachePolicy;
import software.amazon.awscdk.services.cloudfront.Distribution;
import software.amazon.awscdk.services.cloudfront.IOrigin;
import software.amazon.awscdk.services.cloudfront.OriginProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.OriginRequestPolicy;
import software.amazon.awscdk.services.cloudfront.OriginSslPolicy;
import software.amazon.awscdk.services.cloudfront.PriceClass;
import software.amazon.awscdk.services.cloudfront.SecurityPolicyProtocol;
import software.amazon.awscdk.services.cloudfront.ViewerProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.origins.HttpOrigin;
import software.amazon.awscdk.services.cloudfront.origins.HttpOriginProps;
import software.amazon.awscdk.services.cloudfront.origins.S3BucketOrigin;
import software.amazon.awscdk.services.route53.ARecord;
import software.amazon.awscdk.services.route53.CfnHealthCheck;
import software.amazon.awscdk.services.route53.CfnRecordSetGroup;
import software.amazon.awscdk.services.route53.HostedZone;
import software.amazon.awscdk.services.route53.HostedZoneAttributes;
import software.amazon.awscdk.services.route53.IHostedZone;
import software.amazon.awscdk.services.route53.RecordTarget;
import software.amazon.awscdk.services.route53.targets.CloudFrontTarget;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.ssm.StringParameter;
import software.constructs.Construct;

/**
 * What an environment needs outside its regions, in us-east-1: the Route 53 health checks and failover records,
 * the health-check alarms (Route 53 publishes {@code HealthCheckStatus} only in us-east-1, and an alarm must live in
 * its metric's region), and CloudFront with its certificate and CloudFront-scope WAF (both must be in us-east-1).
 *
 * <p>Nothing here references another stack. Each region stack publishes its load balancer under a regional name
 * {@code <region>.<domainName>} (an alias record it owns, next to its ALB); the health checks probe those names and
 * the failover records alias them, all names coming from the manifest. Both failover records sit in one
 * {@code AWS::Route53::RecordSetGroup}, so switching {@code dr.activeRegion} swaps PRIMARY and SECONDARY in a single
 * Route 53 change batch (Route 53 allows one PRIMARY and one SECONDARY record per name and type, so two stacks
 * could not swap them without a failed update in between).
 */
public class GlobalStack extends Stack implements DeploymentStack {
    /** Route 53 health-check settings: fast interval, three strikes (30 s to detect, plus DNS caching). */
    public static final int REQUEST_INTERVAL_SECONDS = 10;

    public static final int FAILURE_THRESHOLD = 3;

    private final Deployment deployment;
    private final Map<String, CfnHealthCheck> healthChecks = new LinkedHashMap<>();
    private AlarmFactory alarms;
    private Distribution distribution;

    public GlobalStack(Construct scope, String id, Deployment deployment) {
        super(
                scope,
                id,
                DeploymentStack.props(
                        deployment,
                        id,
                        PlatformParameters.GLOBAL_REGION,
                        "global resources (Route 53 failover, health-check alarms, CDN)"));
        this.deployment = deployment;
        Deployment d = deployment;
        IHostedZone zone = HostedZone.fromHostedZoneAttributes(
                this,
                "Zone",
                HostedZoneAttributes.builder()
                        .hostedZoneId(d.dns().hostedZoneId())
                        .zoneName(d.dns().hostedZoneName())
                        .build());

        if (d.hasStandby()) {
            failover(d);
        }
        Optional.ofNullable(d.cdn()).ifPresent(cdn -> cdn(d, cdn, zone));

        DeploymentStack.tag(this, d);
    }

    private void failover(Deployment d) {
        Map<String, RegionPlan> plans = new LinkedHashMap<>();
        RegionPlan.pair(d).forEach(plan -> plans.put(plan.region(), plan));
        String active = d.activeRegion();
        String passive = d.passiveRegion().orElseThrow();
        for (RegionPlan plan : plans.values()) {
            String region = plan.region();
            ServiceSpec checked = plan.healthCheckedService();
            String regionalDomain = plan.regionalDomain().orElseThrow();
            CfnHealthCheck check = CfnHealthCheck.Builder.create(this, "HealthCheck-" + region)
                    .healthCheckConfig(CfnHealthCheck.HealthCheckConfigProperty.builder()
                            .type("HTTPS")
                            .fullyQualifiedDomainName(regionalDomain)
                            .port(443)
                            .resourcePath(checked.deepHealthCheckPath())
                            .requestInterval(REQUEST_INTERVAL_SECONDS)
                            .failureThreshold(FAILURE_THRESHOLD)
                            .enableSni(true)
                            .build())
                    .healthCheckTags(List.of(CfnHealthCheck.HealthCheckTagProperty.builder()
                            .key("Name")
                            .value(plan.name() + "-deep-health")
                            .build()))
                    .build();
            healthChecks.put(region, check);
            StringParameter.Builder.create(this, "Parameter-health-check-" + region)
                    .parameterName(PlatformParameters.healthCheckId(d, region).name())
                    .stringValue(check.getAttrHealthCheckId())
                    .description("Route 53 health check of " + regionalDomain + checked.deepHealthCheckPath())
                    .build();
        }

        if (!Boolean.TRUE.equals(d.dr().routingControl())) {
            // With ARC the records use the routing controls' health checks and live in the ARC stack instead.
            List<CfnRecordSetGroup.RecordSetProperty> records = new ArrayList<>();
            records.add(record(
                    plans.get(active), "PRIMARY", healthChecks.get(active).getAttrHealthCheckId()));
            // The secondary answers by its load balancer's target health: a warm standby serves reads while the
            // primary is down even before its database is promoted; a pilot light with no tasks is never chosen
            // over the primary.
            records.add(record(plans.get(passive), "SECONDARY", null));
            CfnRecordSetGroup.Builder.create(this, "FailoverRecords")
                    .hostedZoneId(d.dns().hostedZoneId())
                    .comment("Failover between " + active + " (primary) and " + passive + " for " + d.qualifiedName())
                    .recordSets(records)
                    .build();
        }

        AlarmTopics topics = new AlarmTopics(this, "AlarmTopics", d.qualifiedName() + "-global", d.alarms());
        this.alarms = new AlarmFactory(this, d.qualifiedName() + "-global", topics, d.alarms());
        RegionPlan activePlan = plans.get(active);
        DrAlarms.healthCheck(
                alarms,
                healthChecks.get(active).getAttrHealthCheckId(),
                active,
                "https://" + activePlan.regionalDomain().orElseThrow()
                        + activePlan.healthCheckedService().deepHealthCheckPath());
        topics.getTopics()
                .forEach((severity, topic) -> StringParameter.Builder.create(this, "Parameter-alarm-topic-" + severity)
                        .parameterName(PlatformParameters.globalName(d, PlatformParameters.alarmTopicArn(severity)))
                        .stringValue(topic.getTopicArn())
                        .description("SNS topic of the global (us-east-1) DR alarms of severity " + severity)
                        .build());
    }

    /** The failover alias record of one region: its regional name, PRIMARY or SECONDARY, with a health check or not. */
    static CfnRecordSetGroup.RecordSetProperty record(RegionPlan region, String role, String healthCheckId) {
        Deployment d = region.deployment();
        CfnRecordSetGroup.RecordSetProperty.Builder record = CfnRecordSetGroup.RecordSetProperty.builder()
                .name(d.dns().domainName() + ".")
                .type("A")
                .setIdentifier(region.region())
                .failover(role)
                // Alias records carry no TTL: Route 53 answers with the target record's TTL (the ALB alias: 60 s).
                .aliasTarget(CfnRecordSetGroup.AliasTargetProperty.builder()
                        .dnsName(region.regionalDomain().orElseThrow() + ".")
                        .hostedZoneId(d.dns().hostedZoneId())
                        .evaluateTargetHealth(true)
                        .build());
        if (healthCheckId != null) {
            record.healthCheckId(healthCheckId);
        }
        return record.build();
    }

    private void cdn(Deployment d, CdnSpec cdn, IHostedZone zone) {
        boolean production = d.environment() == EnvironmentName.PRODUCTION;
        Certificate certificate = Certificate.Builder.create(this, "CdnCertificate")
                .domainName(cdn.domainName())
                .validation(CertificateValidation.fromDns(zone))
                .build();
        Bucket logs = Bucket.Builder.create(this, "CdnLogs")
                .encryption(BucketEncryption.S3_MANAGED)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .objectOwnership(ObjectOwnership.OBJECT_WRITER) // CloudFront standard logs are delivered with ACLs
                .enforceSsl(true)
                .lifecycleRules(List.of(
                        LifecycleRule.builder().expiration(Duration.days(90)).build()))
                .removalPolicy(production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
                .autoDeleteObjects(!production)
                .build();
        IOrigin api = new HttpOrigin(
                d.dns().domainName(),
                HttpOriginProps.builder()
                        .protocolPolicy(OriginProtocolPolicy.HTTPS_ONLY)
                        .originSslProtocols(List.of(OriginSslPolicy.TLS_V1_2))
                        .build());
        BehaviorOptions apiBehavior = BehaviorOptions.builder()
                .origin(api)
                .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
                .allowedMethods(AllowedMethods.ALLOW_ALL)
                .cachePolicy(CachePolicy.CACHING_DISABLED)
                .originRequestPolicy(OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER)
                .build();
        BehaviorOptions defaultBehavior = apiBehavior;
        Map<String, BehaviorOptions> additional = new LinkedHashMap<>();
        if (Boolean.TRUE.equals(cdn.staticSite())) {
            Bucket site = Bucket.Builder.create(this, "StaticSite")
                    .encryption(BucketEncryption.S3_MANAGED)
                    .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                    .enforceSsl(true)
                    .versioned(true)
                    .serverAccessLogsBucket(logs)
                    .serverAccessLogsPrefix("site-access/")
                    .removalPolicy(production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
                    .autoDeleteObjects(!production)
                    .build();
            defaultBehavior = BehaviorOptions.builder()
                    .origin(S3BucketOrigin.withOriginAccessControl(site))
                    .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
                    .cachePolicy(CachePolicy.CACHING_OPTIMIZED)
                    .build();
            for (String path : cdn.apiPaths()) {
                additional.put(path, apiBehavior);
            }
        }
        Distribution.Builder builder = Distribution.Builder.create(this, "Cdn")
                .comment(d.qualifiedName() + " CDN")
                .defaultBehavior(defaultBehavior)
                .domainNames(List.of(cdn.domainName()))
                .certificate(certificate)
                .minimumProtocolVersion(SecurityPolicyProtocol.TLS_V1_2_2021)
                .priceClass(priceClass(cdn.priceClass()))
                .enableLogging(true)
                .logBucket(logs)
                .logFilePrefix("cloudfront/");
        if (!additional.isEmpty()) {
            builder.additionalBehaviors(additional);
        }
        if (Boolean.TRUE.equals(cdn.staticSite())) {
            builder.defaultRootObject("index.html");
        }
        Optional.ofNullable(d.waf())
                .ifPresent(waf -> builder.webAclId(
                        new WebAcl(this, "Waf", d.qualifiedName(), waf, WebAcl.Scope.CLOUDFRONT).getArn()));
        this.distribution = builder.build();
        ARecord.Builder.create(this, "CdnRecord")
                .zone(zone)
                .recordName(cdn.domainName())
                .target(RecordTarget.fromAlias(new CloudFrontTarget(distribution)))
                .build();
    }

    private static PriceClass priceClass(String id) {
        if (id == null || "PriceClass_100".equals(id)) {
            return PriceClass.PRICE_CLASS_100;
        }
        return "PriceClass_200".equals(id) ? PriceClass.PRICE_CLASS_200 : PriceClass.PRICE_CLASS_ALL;
    }

    @Override
    public Deployment getDeployment() {
        return deployment;
    }

    @Override
    public String roleLabel() {
        return "global";
    }

    public Map<String, CfnHealthCheck> getHealthChecks() {
        return healthChecks;
    }

    public List<software.amazon.awscdk.services.cloudwatch.Alarm> getAlarms() {
        return alarms == null ? List.of() : alarms.getAlarms();
    }

    public Distribution getDistribution() {
        return distribution;
    }
}
