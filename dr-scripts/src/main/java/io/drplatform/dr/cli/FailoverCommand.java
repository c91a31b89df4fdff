package io.drplatform.dr.cli;

import io.drplatform.dr.drill.RegionFailoverDrill;
import io.drplatform.dr.provider.DrProvider;
import io.drplatform.manifest.model.Deployment;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "failover",
        mixinStandardHelpOptions = true,
        description =
                "The real region failover: fence the failing active region (best effort), promote the standby, scale, switch routing, verify.")
public class FailoverCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    SafetyOptions safety;

    @Mixin
    RunOptions run;

    @Override
    public Integer call() throws Exception {
        Deployment d = common.deploymentOrNull();
        safety.guard(common.environmentName(), "a region failover", d == null ? "local" : d.name());
        try (DrProvider provider = Providers.create(common, d)) {
            String from = provider.activeRegion();
            String to = provider.standbyRegion();
            var budgets = provider.budgets();
            // Where the stacks own the replica, the report's notes say what to deploy once the promotion succeeded.
            return RunSupport.execute(
                    "failover",
                    provider,
                    RunSupport.settings(common, safety, run, d),
                    session -> new RegionFailoverDrill(provider, session, RegionFailoverDrill.Mode.FAILOVER, budgets)
                            .steps(from, to),
                    // Alarms fire because the region is failing; they must not stop the operation that fixes it.
                    io.drplatform.dr.engine.StopCondition.NONE,
                    System.out);
        }
    }
}
