package io.drplatform.dr.cli;

import io.drplatform.dr.drill.SwitchoverOperation;
import io.drplatform.dr.provider.DrProvider;
import io.drplatform.manifest.model.Deployment;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "failback",
        mixinStandardHelpOptions = true,
        description =
                "Planned switchover back to the primary region: stop writes, wait for replay, promote, switch, rebuild the old primary as replica. Loses no acknowledged write.")
public class FailbackCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    SafetyOptions safety;

    @Mixin
    RunOptions run;

    @Option(
            names = "--to",
            description =
                    "target region (default: the manifest's primary region, locally the entry point's PRIMARY region)")
    String to;

    @Override
    public Integer call() throws Exception {
        Deployment d = common.deploymentOrNull();
        safety.guard(common.environmentName(), "a failback", d == null ? "local" : d.name());
        try (DrProvider provider = Providers.create(common, d)) {
            String from = provider.activeRegion();
            String target = to != null ? to : provider.primaryRegion();
            if (target.equals(from)) {
                System.out.println(target + " is already the active region; nothing to fail back");
                return 0;
            }
            boolean replica = provider.databases().standbyReplicating(target);
            if (!replica && !provider.databases().rebuildsReplicas() && !safety.dryRun) {
                // On AWS the stacks build replicas: after a failover the old region holds a standalone database
                // until a deploy with dr.activeRegion set to the current region replaces it with a replica.
                System.err.println(
                        "dr: " + target + " has no replica of " + from + " to switch to. Set dr.activeRegion: " + from
                                + " in the manifest and deploy (the stacks create the cross-region replica in " + target
                                + "), wait until it is available, then run failback again.");
                return ExitCode.USAGE;
            }
            return RunSupport.execute(
                    "failback",
                    provider,
                    RunSupport.settings(common, safety, run, d),
                    session -> new SwitchoverOperation(provider, session).steps(from, target, replica),
                    System.out);
        }
    }
}
