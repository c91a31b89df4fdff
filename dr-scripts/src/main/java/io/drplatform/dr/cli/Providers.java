package io.drplatform.dr.cli;

import io.drplatform.dr.aws.AwsProvider;
import io.drplatform.dr.drill.ScenarioProvider;
import io.drplatform.dr.local.LocalProvider;
import io.drplatform.manifest.model.Deployment;
import java.io.IOException;

final class Providers {
    private Providers() {}

    static ScenarioProvider create(CommonOptions options, Deployment deployment) throws IOException {
        options.checkProvider();
        if (options.local()) {
            return new LocalProvider(options.stateDirectory, options.token);
        }
        return AwsProvider.create(deployment, options.endpointUrl, options.entryPoint, options.token);
    }

    static int rtoTarget(Integer override, Deployment d, int localDefault) {
        if (override != null) {
            return override;
        }
        if (d != null && d.dr() != null && d.dr().rtoSeconds() != null) {
            return d.dr().rtoSeconds();
        }
        return localDefault;
    }

    static int rpoTarget(Integer override, Deployment d, int localDefault) {
        if (override != null) {
            return override;
        }
        if (d != null && d.dr() != null && d.dr().rpoSeconds() != null) {
            return d.dr().rpoSeconds();
        }
        return localDefault;
    }
}
