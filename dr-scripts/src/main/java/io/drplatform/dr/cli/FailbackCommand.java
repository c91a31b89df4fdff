package io.drplatform.dr.cli;

import io.drplatform.dr.drill.SwitchoverOperation;
import io.drplatform.dr.local.LocalProvider;
import io.drplatform.dr.provider.DrProvider;
import io.drplatform.manifest.Deployment;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "failback", mixinStandardHelpOptions = true,
        description = "Planned switchover back to the primary region: stop writes, wait for replay, promote, switch, rebuild the old primary as replica. Loses no acknowledged write.")
public class FailbackCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Mixin SafetyOptions safety;
    @Mixin RunOptions run;

    @Option(names = "--to", description = "target region (default: the manifest's primary region, locally the entry point's PRIMARY region)")
    String to;

    @Override
    public Integer call() throws Exception {
        Deployment d = common.deploymentOrNull();
        if (!common.local() && !safety.dryRun) {
            System.err.println("dr: failback is not supported on AWS yet: proving the replica replayed every write needs the databases'"
                    + " WAL positions, which the tool cannot read there; after a failover, set dr.activeRegion and deploy (issue 3)."
                    + " --dry-run shows the planned steps.");
            return 2;
        }
        safety.guard(common.environmentName(), "a failback", d == null ? "local" : d.name());
        try (DrProvider provider = Providers.create(common, d)) {
            String from = provider.activeRegion();
            String target = to != null ? to
                    : provider instanceof LocalProvider local ? local.state().primaryRegion() : d.regions().primary();
            if (target.equals(from)) {
                System.out.println(target + " is already the active region; nothing to fail back");
                return 0;
            }
            boolean replica = provider.standbyReplicating(target);
            return RunSupport.execute("failback", provider, RunSupport.settings(common, safety, run, d),
                    session -> new SwitchoverOperation(provider, session).steps(from, target, replica), System.out);
        }
    }
}
