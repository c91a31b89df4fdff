package io.drplatform.manifest.validation;

import io.drplatform.manifest.model.Deployment;

/** The {@code observability} section: a log retention CloudWatch Logs accepts. */
final class ObservabilityRules extends SectionRules {

    ObservabilityRules(ProblemReport report) {
        super(report);
    }

    void check(Deployment d) {
        if (d.observability() != null
                && d.observability().logRetentionDays() != null
                && !AwsFacts.LOG_RETENTION_DAYS.contains(d.observability().logRetentionDays())) {
            report.problem(
                    "/observability/logRetentionDays",
                    d.observability().logRetentionDays() + " days is not a retention CloudWatch Logs accepts",
                    "use one of " + AwsFacts.LOG_RETENTION_DAYS);
        }
    }
}
