package io.drplatform.cdk.region;

import io.drplatform.manifest.model.Deployment;
import io.drplatform.manifest.model.EnvironmentName;
import java.util.Arrays;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.logs.RetentionDays;

/** How long a region's logs live, and whether they outlive the stack (production keeps them). */
record LogPolicy(RetentionDays retention, RemovalPolicy removal) {

    static LogPolicy of(Stack stack, Deployment d) {
        return new LogPolicy(
                retention(stack, d.observability().logRetentionDays()),
                d.environment() == EnvironmentName.PRODUCTION ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY);
    }

    /**
     * The constant for a number of days. Each constant resolves to its days, so no second list of CloudWatch's periods
     * is needed here; the manifest's validation already refuses a period CloudWatch does not accept.
     */
    private static RetentionDays retention(Stack stack, int days) {
        return Arrays.stream(RetentionDays.values())
                .filter(period -> ((Number) stack.resolve(period)).intValue() == days)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("CloudWatch Logs keeps no log " + days + " days"));
    }
}
