package io.drplatform.cdk.global;

import io.drplatform.cdk.stack.DeploymentStack;
import io.drplatform.manifest.contract.PlatformParameters;
import io.drplatform.manifest.model.Deployment;
import io.drplatform.manifest.plan.RegionPlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.customresources.AwsCustomResource;
import software.amazon.awscdk.customresources.AwsCustomResourcePolicy;
import software.amazon.awscdk.customresources.AwsSdkCall;
import software.amazon.awscdk.customresources.PhysicalResourceId;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.route53.CfnHealthCheck;
import software.amazon.awscdk.services.route53.CfnRecordSetGroup;
import software.amazon.awscdk.services.route53recoverycontrol.CfnCluster;
import software.amazon.awscdk.services.route53recoverycontrol.CfnControlPanel;
import software.amazon.awscdk.services.route53recoverycontrol.CfnRoutingControl;
import software.amazon.awscdk.services.route53recoverycontrol.CfnSafetyRule;
import software.amazon.awscdk.services.ssm.StringParameter;
import software.constructs.Construct;

/**
 * Route 53 Application Recovery Controller for {@code dr.routingControl: true}, in us-west-2 (the ARC control
 * plane's region): a cluster, a control panel, one routing control per region, a safety rule that keeps at least one
 * region on, a {@code RECOVERY_CONTROL} health check per routing control, and the failover records, which use those
 * health checks (records and health checks are global Route 53 resources; keeping them next to the routing controls
 * avoids any cross-stack reference). The HTTPS deep-health checks and their alarm stay in the us-east-1 global stack.
 *
 * <p>New routing controls are off. After the first deployment turn the active region's control on (the DR tool's
 * {@code arc} command or {@code aws route53-recovery-cluster update-routing-control-state}); a failover is then
 * "standby on, primary off", which the safety rule lets through only while one control stays on.
 */
public class RoutingControlStack extends Stack implements DeploymentStack {
    public static final String REGION = PlatformParameters.ARC_REGION;
    /** Wait before a safety rule evaluates a change, so an on-then-off sequence is not blocked mid-way. */
    public static final int SAFETY_RULE_WAIT_MS = 5000;

    private final Deployment deployment;
    /** ARC clusters have five regional endpoints (AWS documentation, "Cluster"). */
    static final int CLUSTER_ENDPOINTS = 5;

    private final Map<String, CfnRoutingControl> controls = new LinkedHashMap<>();
    private AwsCustomResource clusterEndpoints;

    public RoutingControlStack(Construct scope, String id, Deployment deployment) {
        super(
                scope,
                id,
                DeploymentStack.props(deployment, id, REGION, "Route 53 ARC routing controls and failover records"));
        this.deployment = deployment;
        Deployment d = deployment;
        CfnCluster cluster = CfnCluster.Builder.create(this, "Cluster")
                .name(d.qualifiedName())
                .build();
        CfnControlPanel panel = CfnControlPanel.Builder.create(this, "ControlPanel")
                .clusterArn(cluster.getAttrClusterArn())
                .name(d.qualifiedName())
                .build();
        Map<String, String> healthChecks = new LinkedHashMap<>();
        for (String region : List.of(d.regions().primary(), d.regions().standby())) {
            CfnRoutingControl control = CfnRoutingControl.Builder.create(this, "RoutingControl-" + region)
                    .clusterArn(cluster.getAttrClusterArn())
                    .controlPanelArn(panel.getAttrControlPanelArn())
                    .name(d.qualifiedName() + "-" + region)
                    .build();
            controls.put(region, control);
            CfnHealthCheck check = CfnHealthCheck.Builder.create(this, "RecoveryControlHealthCheck-" + region)
                    .healthCheckConfig(CfnHealthCheck.HealthCheckConfigProperty.builder()
                            .type("RECOVERY_CONTROL")
                            .routingControlArn(control.getAttrRoutingControlArn())
                            .build())
                    .healthCheckTags(List.of(CfnHealthCheck.HealthCheckTagProperty.builder()
                            .key("Name")
                            .value(d.qualifiedName() + "-" + region + "-routing-control")
                            .build()))
                    .build();
            healthChecks.put(region, check.getAttrHealthCheckId());
            StringParameter.Builder.create(this, "Parameter-routing-control-" + region)
                    .parameterName(
                            PlatformParameters.routingControlArn(d, region).name())
                    .stringValue(control.getAttrRoutingControlArn())
                    .description("ARC routing control of " + region + " (on = receives traffic)")
                    .build();
        }
        CfnSafetyRule.Builder.create(this, "AtLeastOneRegionOn")
                .controlPanelArn(panel.getAttrControlPanelArn())
                .name(d.qualifiedName() + "-at-least-one-on")
                .assertionRule(CfnSafetyRule.AssertionRuleProperty.builder()
                        .assertedControls(new ArrayList<>(controls.values().stream()
                                .map(CfnRoutingControl::getAttrRoutingControlArn)
                                .toList()))
                        .waitPeriodMs(SAFETY_RULE_WAIT_MS)
                        .build())
                .ruleConfig(CfnSafetyRule.RuleConfigProperty.builder()
                        .type("ATLEAST")
                        .threshold(1)
                        .inverted(false)
                        .build())
                .build();
        StringParameter.Builder.create(this, "Parameter-cluster")
                .parameterName(PlatformParameters.arcClusterArn(d).name())
                .stringValue(cluster.getAttrClusterArn())
                .description("ARC cluster whose endpoints change routing-control states")
                .build();
        publishClusterEndpoints(cluster);

        String active = d.activeRegion();
        String passive = d.passiveRegion().orElseThrow();
        CfnRecordSetGroup.Builder.create(this, "FailoverRecords")
                .hostedZoneId(d.dns().hostedZoneId())
                .comment("Failover between " + active + " and " + passive + " for " + d.qualifiedName()
                        + ", switched by ARC routing controls")
                .recordSets(List.of(
                        GlobalStack.record(RegionPlan.of(d, active), "PRIMARY", healthChecks.get(active)),
                        GlobalStack.record(RegionPlan.of(d, passive), "SECONDARY", healthChecks.get(passive))))
                .build();

        DeploymentStack.tag(this, d);
    }

    /**
     * The cluster's data-plane endpoints as one parameter, {@code region=url,...}, so the DR tool can switch without
     * the control plane. CloudFormation exposes them only as a list of objects, which no intrinsic can join; a
     * DescribeCluster call at deploy time flattens them. An ARC cluster always has five regional endpoints.
     */
    private void publishClusterEndpoints(CfnCluster cluster) {
        AwsSdkCall describe = AwsSdkCall.builder()
                .service("Route53RecoveryControlConfig")
                .action("describeCluster")
                .parameters(Map.of("ClusterArn", cluster.getAttrClusterArn()))
                .region(REGION)
                .physicalResourceId(PhysicalResourceId.of(deployment.qualifiedName() + "-arc-cluster-endpoints"))
                .outputPaths(java.util.stream.IntStream.range(0, CLUSTER_ENDPOINTS)
                        .boxed()
                        .flatMap(i ->
                                java.util.stream.Stream.of(endpointField(i, "Region"), endpointField(i, "Endpoint")))
                        .toList())
                .build();
        clusterEndpoints = AwsCustomResource.Builder.create(this, "ClusterEndpoints")
                .onCreate(describe)
                .onUpdate(describe)
                .installLatestAwsSdk(false)
                .policy(AwsCustomResourcePolicy.fromStatements(List.of(PolicyStatement.Builder.create()
                        .actions(List.of("route53-recovery-control-config:DescribeCluster"))
                        .resources(List.of(cluster.getAttrClusterArn()))
                        .build())))
                .build();
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < CLUSTER_ENDPOINTS; i++) {
            pairs.add(Fn.join(
                    "=",
                    List.of(
                            clusterEndpoints.getResponseField(endpointField(i, "Region")),
                            clusterEndpoints.getResponseField(endpointField(i, "Endpoint")))));
        }
        StringParameter.Builder.create(this, "Parameter-cluster-endpoints")
                .parameterName(
                        PlatformParameters.arcClusterEndpoints(deployment).name())
                .stringValue(Fn.join(",", pairs))
                .description(
                        "ARC cluster endpoints (region=url,...): try them in turn to change routing-control states")
                .build();
    }

    private static String endpointField(int index, String field) {
        return "Cluster.ClusterEndpoints." + index + "." + field;
    }

    /** The custom resource that reads the cluster's endpoints (its function is CDK's own). */
    public AwsCustomResource getClusterEndpoints() {
        return clusterEndpoints;
    }

    @Override
    public Deployment getDeployment() {
        return deployment;
    }

    @Override
    public String roleLabel() {
        return "arc";
    }

    public Map<String, CfnRoutingControl> getControls() {
        return controls;
    }
}
