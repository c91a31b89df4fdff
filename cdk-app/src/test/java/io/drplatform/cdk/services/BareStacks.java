package io.drplatform.cdk.services;

import java.util.List;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;

/** A stack without a manifest and a two-tier VPC in it, for testing the service constructs alone. */
final class BareStacks {
    private BareStacks() {}

    static Stack stack(App app, String id) {
        return new Stack(
                app,
                id,
                StackProps.builder()
                        .env(Environment.builder()
                                .account("111122223333")
                                .region("eu-west-1")
                                .build())
                        .build());
    }

    /** The stack's VPC (public and isolated task subnets in two zones), made on first use. */
    static Vpc vpc(Stack stack) {
        Vpc existing = (Vpc) stack.getNode().tryFindChild("Vpc");
        if (existing != null) {
            return existing;
        }
        return Vpc.Builder.create(stack, "Vpc")
                .availabilityZones(List.of("eu-west-1a", "eu-west-1b"))
                .natGateways(0)
                .subnetConfiguration(List.of(
                        SubnetConfiguration.builder()
                                .name("public")
                                .subnetType(SubnetType.PUBLIC)
                                .build(),
                        SubnetConfiguration.builder()
                                .name("tasks")
                                .subnetType(SubnetType.PRIVATE_ISOLATED)
                                .build()))
                .build();
    }
}
