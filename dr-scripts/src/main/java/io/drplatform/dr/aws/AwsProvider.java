package io.drplatform.dr.aws;

import io.drplatform.dr.drill.DrillSession;
import io.drplatform.dr.drill.DrillStep;
import io.drplatform.dr.drill.RegionFailoverDrill;
import io.drplatform.manifest.Deployment;
import java.util.List;

public abstract class AwsProvider implements io.drplatform.dr.provider.DrProvider {
    public static AwsProvider create(Deployment d, String endpoint, String entryPoint, String token) {
        throw new UnsupportedOperationException("stub");
    }
    public RegionFailoverDrill.Budgets budgets() { return null; }
    public List<DrillStep> dbFailoverSteps(DrillSession s) { return null; }
    public List<DrillStep> restoreBackupSteps(DrillSession s) { return null; }
    @Override public void close() {}
}
