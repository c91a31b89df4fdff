package io.drplatform.dr.cli;

import io.drplatform.manifest.model.AuthSpec;
import io.drplatform.manifest.model.Deployment;
import io.drplatform.manifest.plan.StackPlan;

/**
 * What a regional outage does to sign-in, from the manifest: a Cognito user pool lives in one region and is not
 * replicated, while services verify tokens with the signing keys they cached.
 */
final class SignIn {
    private SignIn() {}

    static String describe(Deployment d) {
        AuthSpec auth = d == null ? null : d.auth();
        if (auth == null) {
            return "sign-in: none (the manifest declares no auth)";
        }
        if (auth.platformUserPool()) {
            // The user pool lives where the deployment's stacks put the auth stack.
            String region = StackPlan.of(d).stream()
                    .filter(s -> s.kind() == StackPlan.Kind.AUTH)
                    .map(StackPlan::region)
                    .findFirst()
                    .orElseThrow();
            return "sign-in: Cognito user pool in " + region + " (not replicated). While " + region
                    + " is down, sign-in, "
                    + "sign-up and token refresh stop in every region; tokens already issued keep working until they expire "
                    + "(access tokens: 1 h), since services verify them with the signing keys they cached";
        }
        return "sign-in: external issuer " + auth.issuerUri() + " (its availability is the provider's); while it is "
                + "unreachable, services keep verifying tokens with the signing keys they cached";
    }
}
