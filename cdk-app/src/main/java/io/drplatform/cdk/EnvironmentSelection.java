package io.drplatform.cdk;

import io.drplatform.manifest.model.EnvironmentName;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** The environments a synthesis builds, named by id (the CLI's context, {@link SynthesizeAll}'s options). */
final class EnvironmentSelection {
    private EnvironmentSelection() {}

    /** The named environments, or every one when none is named; an unknown id is refused by name. */
    static Set<EnvironmentName> of(Collection<String> ids) {
        if (ids.isEmpty()) {
            return EnumSet.allOf(EnvironmentName.class);
        }
        Set<EnvironmentName> selected = EnumSet.noneOf(EnvironmentName.class);
        for (String id : ids) {
            selected.add(EnvironmentName.fromId(id)
                    .orElseThrow(() -> new IllegalArgumentException("unknown environment `" + id + "`; use "
                            + Arrays.stream(EnvironmentName.values())
                                    .map(EnvironmentName::id)
                                    .collect(Collectors.joining(", ")))));
        }
        return selected;
    }
}
