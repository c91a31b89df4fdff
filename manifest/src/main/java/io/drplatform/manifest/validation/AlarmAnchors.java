package io.drplatform.manifest.validation;

import io.drplatform.manifest.model.AlarmKind;
import java.util.Optional;

/** Alarms named by their section in the alarm guide, in {@code alarms.overrides} and {@code dr.stopConditions}. */
final class AlarmAnchors extends SectionRules {

    AlarmAnchors(ProblemReport report) {
        super(report);
    }

    /** The alarm kind an anchor names, or a problem listing the known anchors, closest first. */
    Optional<AlarmKind> kind(String at, String anchor, String namedBy) {
        Optional<AlarmKind> kind = AlarmKind.fromAnchor(anchor);
        if (kind.isEmpty()) {
            report.problem(
                    at,
                    "unknown alarm `" + anchor + "`; " + namedBy
                            + " the alarm's section in ops-runbooks/alarm-guide.md",
                    "known alarms, closest first: "
                            + String.join(", ", Suggestions.byDistance(anchor, AlarmKind.anchors())));
        }
        return kind;
    }
}
