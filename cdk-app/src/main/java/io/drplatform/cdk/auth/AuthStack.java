package io.drplatform.cdk.auth;

import io.drplatform.cdk.stack.DeploymentStack;
import io.drplatform.manifest.contract.PlatformParameters;
import io.drplatform.manifest.model.AuthSpec;
import io.drplatform.manifest.model.Deployment;
import io.drplatform.manifest.model.EnvironmentName;
import io.drplatform.manifest.model.UserPoolSpec;
import io.drplatform.manifest.plan.StackPlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.customresources.AwsCustomResource;
import software.amazon.awscdk.customresources.AwsCustomResourcePolicy;
import software.amazon.awscdk.customresources.AwsSdkCall;
import software.amazon.awscdk.customresources.PhysicalResourceId;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.ssm.StringParameter;
import software.constructs.Construct;

/**
 * {@code <app>-<env>-auth} in the manifest's primary region: the environment's Cognito user pool, when the manifest
 * asks the platform for one ({@code auth.userPool}).
 *
 * <p>Cognito does not replicate a pool across regions, and a second pool would hold other users, so one pool serves
 * both regions. Its issuer and key-set URL are written as SSM parameters into every region of the deployment (the
 * other region's through an SDK call), where the region stacks read them at deploy time: a region stack never
 * references this stack, and the standby region deploys without the primary region once the parameters exist.
 */
public class AuthStack extends Stack implements DeploymentStack {
    private final Deployment deployment;
    private final UserPoolAuth auth;
    private final List<AwsCustomResource> remoteParameters = new ArrayList<>();

    public AuthStack(Construct scope, String id, Deployment deployment) {
        super(
                scope,
                id,
                DeploymentStack.props(
                        deployment,
                        id,
                        deployment.homeRegion(),
                        "sign-in: the Cognito user pool every region's services trust"));
        this.deployment = deployment;
        UserPoolSpec spec = deployment.auth().userPool();
        this.auth = new UserPoolAuth(
                this,
                "UserPool",
                new UserPoolAuth.Props(
                        deployment.qualifiedName(),
                        spec,
                        spec.domainPrefix(deployment),
                        spec.callbackUrls(deployment),
                        spec.logoutUrls(deployment),
                        "https://" + deployment.dns().domainName() + "/api",
                        deployment.environment() == EnvironmentName.PRODUCTION));

        Map<String, String> values = new LinkedHashMap<>();
        values.put(PlatformParameters.AUTH_ISSUER_URI, auth.issuer());
        values.put(PlatformParameters.AUTH_JWKS_URI, AuthSpec.defaultJwksUri(auth.issuer()));
        values.put(
                PlatformParameters.AUTH_USER_POOL,
                deployment.homeRegion() + "/" + auth.getPool().getUserPoolId());
        for (String region : regions(deployment)) {
            values.forEach((key, value) -> publish(region, key, value));
        }

        DeploymentStack.tag(this, deployment);
    }

    /** Every region whose stacks run the services: those of the region stacks {@link StackPlan#of} lists. */
    private static List<String> regions(Deployment deployment) {
        return StackPlan.of(deployment).stream()
                .filter(stack -> stack.kind() == StackPlan.Kind.PRIMARY || stack.kind() == StackPlan.Kind.STANDBY)
                .map(StackPlan::region)
                .toList();
    }

    private void publish(String region, String key, String value) {
        String name = PlatformParameters.name(deployment, region, key);
        String id = "Parameter-" + region + "-" + key.replace('/', '-');
        if (region.equals(getRegion())) {
            StringParameter.Builder.create(this, id)
                    .parameterName(name)
                    .stringValue(value)
                    .description("Published by the DR platform: the services' identity provider")
                    .build();
            return;
        }
        Map<String, Object> parameter = new LinkedHashMap<>(); // ordered, so the template is the same on every synth
        parameter.put("Name", name);
        parameter.put("Value", value);
        parameter.put("Type", "String");
        parameter.put("Overwrite", true);
        parameter.put(
                "Description",
                "Published by the DR platform from " + getRegion() + ": the services' identity provider");
        AwsSdkCall put = AwsSdkCall.builder()
                .service("SSM")
                .action("putParameter")
                .region(region)
                .parameters(parameter)
                .physicalResourceId(PhysicalResourceId.of(name))
                .build();
        remoteParameters.add(AwsCustomResource.Builder.create(this, id)
                .onCreate(put)
                .onUpdate(put)
                .onDelete(AwsSdkCall.builder()
                        .service("SSM")
                        .action("deleteParameter")
                        .region(region)
                        .parameters(Map.of("Name", name))
                        .ignoreErrorCodesMatching("ParameterNotFound")
                        .build())
                .installLatestAwsSdk(false)
                .policy(AwsCustomResourcePolicy.fromStatements(List.of(PolicyStatement.Builder.create()
                        .actions(List.of("ssm:PutParameter", "ssm:DeleteParameter"))
                        .resources(List.of("arn:aws:ssm:" + region + ":" + deployment.account() + ":parameter" + name))
                        .build())))
                .build());
    }

    public UserPoolAuth getAuth() {
        return auth;
    }

    /** The SDK calls that write the parameters into the other region (empty without a standby). */
    public List<AwsCustomResource> getRemoteParameters() {
        return remoteParameters;
    }

    @Override
    public Deployment getDeployment() {
        return deployment;
    }

    @Override
    public String roleLabel() {
        return "auth";
    }
}
