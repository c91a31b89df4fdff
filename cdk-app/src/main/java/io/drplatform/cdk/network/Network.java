package io.drplatform.cdk.network;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Acknowledgment;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.services.ec2.FlowLogDestination;
import software.amazon.awscdk.services.ec2.FlowLogOptions;
import software.amazon.awscdk.services.ec2.FlowLogTrafficType;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.IInterfaceVpcEndpointService;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.IpAddresses;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * A three-tier VPC: public subnets for the load balancer and NAT, private subnets with egress for tasks, and
 * isolated subnets for data stores, with flow logs and endpoints so AWS API traffic stays off the NAT.
 */
public class Network extends Construct {

    /**
     * @param cidr              the VPC range, /16 to /24
     * @param availabilityZones explicit zones, so synthesis needs no account lookup
     * @param natGateways       1 for cost, one per zone for zone independence
     * @param flowLogRetention  how long flow logs are kept
     */
    public record Props(
            String cidr,
            List<String> availabilityZones,
            int natGateways,
            RetentionDays flowLogRetention,
            RemovalPolicy logRemovalPolicy) {}

    private final Vpc vpc;

    public Network(Construct scope, String id, Props props) {
        super(scope, id);
        int prefix = Integer.parseInt(props.cidr().substring(props.cidr().indexOf('/') + 1));
        // Three tiers in up to three zones need nine subnets: split the range sixteen ways.
        int subnetMask = Math.min(prefix + 4, 28);

        LogGroup flowLogs = LogGroup.Builder.create(this, "FlowLogs")
                .retention(props.flowLogRetention())
                .removalPolicy(props.logRemovalPolicy())
                .build();

        this.vpc = Vpc.Builder.create(this, "Vpc")
                .ipAddresses(IpAddresses.cidr(props.cidr()))
                .availabilityZones(props.availabilityZones())
                .natGateways(props.natGateways())
                .subnetConfiguration(List.of(
                        SubnetConfiguration.builder()
                                .name("public")
                                .subnetType(SubnetType.PUBLIC)
                                .cidrMask(subnetMask)
                                .build(),
                        SubnetConfiguration.builder()
                                .name("app")
                                .subnetType(SubnetType.PRIVATE_WITH_EGRESS)
                                .cidrMask(subnetMask)
                                .build(),
                        SubnetConfiguration.builder()
                                .name("data")
                                .subnetType(SubnetType.PRIVATE_ISOLATED)
                                .cidrMask(subnetMask)
                                .build()))
                .flowLogs(Map.of(
                        "all",
                        FlowLogOptions.builder()
                                .destination(FlowLogDestination.toCloudWatchLogs(flowLogs))
                                .trafficType(FlowLogTrafficType.ALL)
                                .build()))
                .gatewayEndpoints(Map.of(
                        "S3",
                        GatewayVpcEndpointOptions.builder()
                                .service(GatewayVpcEndpointAwsService.S3)
                                .build()))
                .restrictDefaultSecurityGroup(true)
                .build();
        Validations.of(this)
                .acknowledge(Acknowledgment.builder()
                        .id("CloudFormation-Validate::W3010")
                        .reason(
                                "Zones are named in the manifest on purpose: synthesis needs no AWS account, and the standby "
                                        + "region's zones must be known before its stack exists")
                        .build());

        // Sorted: creation order shows in the template, which must be the same on every synthesis.
        Map<String, IInterfaceVpcEndpointService> interfaceEndpoints = new java.util.TreeMap<>(Map.of(
                "EcrApi", InterfaceVpcEndpointAwsService.ECR,
                "EcrDocker", InterfaceVpcEndpointAwsService.ECR_DOCKER,
                "Logs", InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS,
                "SecretsManager", InterfaceVpcEndpointAwsService.SECRETS_MANAGER));
        interfaceEndpoints.forEach((name, service) -> vpc.addInterfaceEndpoint(
                name,
                InterfaceVpcEndpointOptions.builder()
                        .service(service)
                        .privateDnsEnabled(true)
                        .subnets(SubnetSelection.builder()
                                .subnetType(SubnetType.PRIVATE_WITH_EGRESS)
                                .build())
                        .build()));
    }

    public Vpc getVpc() {
        return vpc;
    }

    public SubnetSelection appSubnets() {
        return SubnetSelection.builder()
                .subnetType(SubnetType.PRIVATE_WITH_EGRESS)
                .build();
    }

    public SubnetSelection dataSubnets() {
        return SubnetSelection.builder().subnetType(SubnetType.PRIVATE_ISOLATED).build();
    }

    public SubnetSelection publicSubnets() {
        return SubnetSelection.builder().subnetType(SubnetType.PUBLIC).build();
    }
}
