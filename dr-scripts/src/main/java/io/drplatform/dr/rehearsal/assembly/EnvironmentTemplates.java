package io.drplatform.dr.rehearsal.assembly;

import io.drplatform.dr.rehearsal.template.GlobalStackTemplate;
import io.drplatform.dr.rehearsal.template.RegionStackTemplate;
import io.drplatform.manifest.model.Deployment;
import io.drplatform.manifest.plan.RegionPlan;
import io.drplatform.manifest.plan.StackPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One environment's synthesized deployment: the region stacks (the active region's first) and the global stack,
 * named by {@link StackPlan} and read from a cloud assembly, each beside the region plan the manifest gives it.
 */
public record EnvironmentTemplates(Deployment deployment, List<Region> regions, Optional<GlobalStackTemplate> global) {

    /** A region stack's template and what the manifest plans for that region. */
    public record Region(RegionPlan plan, RegionStackTemplate template) {}

    public static EnvironmentTemplates read(CloudAssembly assembly, Deployment deployment) {
        List<Region> regions = new ArrayList<>();
        GlobalStackTemplate global = null;
        for (StackPlan stack : StackPlan.of(deployment)) {
            switch (stack.kind()) {
                case PRIMARY, STANDBY ->
                    regions.add(new Region(
                            RegionPlan.of(deployment, stack),
                            RegionStackTemplate.read(stackOf(assembly, deployment, stack))));
                case GLOBAL -> global = GlobalStackTemplate.read(stackOf(assembly, deployment, stack));
                default -> {
                    // Auth, storage and routing-control stacks hold nothing a region pair runs.
                }
            }
        }
        return new EnvironmentTemplates(deployment, List.copyOf(regions), Optional.ofNullable(global));
    }

    private static io.drplatform.dr.rehearsal.template.SynthesizedStack stackOf(
            CloudAssembly assembly, Deployment deployment, StackPlan stack) {
        if (!assembly.has(stack.name())) {
            throw new IllegalStateException("the cloud assembly in " + assembly.directory() + " has no stack "
                    + stack.name() + "; synthesize the environment: "
                    + CloudAssembly.synthCommand(deployment.environment().id(), assembly.directory()));
        }
        return assembly.stack(stack.name());
    }
}
