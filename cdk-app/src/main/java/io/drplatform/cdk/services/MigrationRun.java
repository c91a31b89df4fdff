package io.drplatform.cdk.services;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CustomResource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.ICluster;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * Runs a service's migration task during the stack update, before the service's new tasks replace the old ones: a
 * custom resource whose function starts the task on Fargate and waits for it to stop. It runs again whenever the
 * task definition changes (a new image), a failed migration fails the update and CloudFormation rolls it back while
 * the old tasks keep serving. Services that depend on the schema depend on this resource.
 */
public class MigrationRun extends Construct {
    public record Props(
            ICluster cluster,
            FargateTaskDefinition task,
            List<String> subnetIds,
            ISecurityGroup securityGroup,
            String serviceName) {}

    private final CustomResource resource;
    private final Function function;
    private final FargateTaskDefinition task;

    public MigrationRun(Construct scope, String id, Props props) {
        super(scope, id);
        this.task = props.task();
        Stack stack = Stack.of(this);
        Role role = Role.Builder.create(this, "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("Runs and watches the " + props.serviceName() + " migration task")
                .build();
        LogGroup logs = LogGroup.Builder.create(this, "Logs")
                .retention(RetentionDays.ONE_YEAR)
                .build();
        logs.grantWrite(role);
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("ecs:RunTask"))
                .resources(List.of(props.task().getTaskDefinitionArn()))
                .conditions(Map.of(
                        "ArnEquals", Map.of("ecs:cluster", props.cluster().getClusterArn())))
                .build());
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("ecs:DescribeTasks", "ecs:StopTask"))
                .resources(List.of(tasksOf(stack, props.cluster())))
                .build());
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("iam:PassRole"))
                .resources(List.of(
                        props.task().getTaskRole().getRoleArn(),
                        props.task().obtainExecutionRole().getRoleArn()))
                .build());

        this.function = Function.Builder.create(this, "Function")
                .description("Runs the " + props.serviceName() + " migration task and waits for it")
                .runtime(Runtime.PYTHON_3_14)
                .handler("index.handler")
                .code(Code.fromInline(handlerSource()))
                .timeout(Duration.minutes(15)) // Lambda's limit: a longer migration fails the deployment
                .role(role)
                .logGroup(logs)
                .build();

        this.resource = CustomResource.Builder.create(this, "Run")
                .serviceToken(function.getFunctionArn())
                .resourceType("Custom::Migration")
                .serviceTimeout(Duration.minutes(16))
                .properties(new java.util.TreeMap<>(Map.of(
                        "Cluster", props.cluster().getClusterArn(),
                        // A new revision (a new image, new settings) changes this property and so runs the migration
                        // again.
                        "TaskDefinition", props.task().getTaskDefinitionArn(),
                        "Subnets", props.subnetIds(),
                        "SecurityGroups", List.of(props.securityGroup().getSecurityGroupId()),
                        "Service", props.serviceName(),
                        "PollIntervalSeconds", 10)))
                .build();
    }

    /** Tasks of one cluster: DescribeTasks and StopTask cannot name a task before RunTask returns it. */
    static String tasksOf(Stack stack, ICluster cluster) {
        return "arn:" + stack.getPartition() + ":ecs:" + stack.getRegion() + ":" + stack.getAccount() + ":task/"
                + cluster.getClusterName() + "/*";
    }

    private static String handlerSource() {
        try (InputStream in = MigrationRun.class.getResourceAsStream("run_migration.py")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public CustomResource getResource() {
        return resource;
    }

    /** The migration's task definition: the service's image with the migration command and the owner's credentials. */
    public FargateTaskDefinition getTask() {
        return task;
    }

    public Function getFunction() {
        return function;
    }
}
