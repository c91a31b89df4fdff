package io.drplatform.manifest.validation;

import io.drplatform.manifest.model.AlarmKind;
import io.drplatform.manifest.model.AlarmSeverity;
import io.drplatform.manifest.model.AlarmSubscribers;
import io.drplatform.manifest.model.AlarmTargets;
import io.drplatform.manifest.model.EnvironmentName;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where alarms go: in production, the severities somebody must act on ({@code page}, {@code ticket}) reach somebody
 * whenever an alarm is sent with them, or the alarm fires into an empty topic and nobody acts. {@code info} alarms
 * may go unheard (they are read on the dashboard), and development and staging may leave any severity unheard, so
 * their alarms wake nobody.
 */
final class AlarmRoutingRules extends SectionRules {
    /** The severities production must deliver. */
    static final Set<AlarmSeverity> MUST_REACH_SOMEBODY = Set.of(AlarmSeverity.PAGE, AlarmSeverity.TICKET);

    AlarmRoutingRules(ProblemReport report) {
        super(report);
    }

    void check(EnvironmentName environment, AlarmTargets alarms) {
        if (environment != EnvironmentName.PRODUCTION) {
            return;
        }
        for (AlarmSeverity severity : AlarmSeverity.values()) {
            List<AlarmKind> kinds = alarms.kindsOf(severity);
            if (MUST_REACH_SOMEBODY.contains(severity)
                    && !kinds.isEmpty()
                    && alarms.subscribers(severity).isEmpty()) {
                String at = where(alarms, severity);
                report.problem(
                        at,
                        "`" + severity + "` alarms reach nobody: "
                                + kinds.stream().map(AlarmKind::anchor).collect(Collectors.joining(", "))
                                + " are sent as `" + severity + "`, and production needs somebody to act on them",
                        "add `" + severity + ": {email: [...]}` under `alarms`, or send those alarms as another"
                                + " severity with `alarms.overrides.<anchor>.severity`");
            }
        }
    }

    /** At the empty list the manifest wrote (an environment may empty one), else at the section. */
    private static String where(AlarmTargets alarms, AlarmSeverity severity) {
        AlarmSubscribers written = switch (severity) {
            case PAGE -> alarms.page();
            case TICKET -> alarms.ticket();
            case INFO -> alarms.info();
        };
        String at = "/alarms/" + severity.id();
        if (written == null) {
            return "/alarms";
        }
        return written.email() != null ? at + "/email" : written.https() != null ? at + "/https" : at;
    }
}
