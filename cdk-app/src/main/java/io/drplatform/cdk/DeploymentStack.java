package io.drplatform.cdk;

import io.drplatform.manifest.Deployment;

/** A stack built for one environment of an application: what the synth summary and cdk-nag suppressions need. */
public interface DeploymentStack {
    Deployment getDeployment();

    /** primary, standby, storage or global. */
    String roleLabel();
}
