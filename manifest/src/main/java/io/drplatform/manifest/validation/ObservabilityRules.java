package io.drplatform.manifest.validation;

import io.drplatform.manifest.model.Deployment;
import io.drplatform.manifest.model.ServiceSpec;
import io.drplatform.manifest.model.Tracing;
import java.util.List;

/**
 * The {@code observability} section: a log retention CloudWatch Logs accepts; a sampling rate that is a
 * probability, and traced services that exist, when tracing is enabled.
 */
final class ObservabilityRules extends SectionRules {

    ObservabilityRules(ProblemReport report) {
        super(report);
    }

    void check(Deployment d) {
        if (d.observability() == null) {
            return;
        }
        if (d.observability().logRetentionDays() != null
                && !AwsFacts.LOG_RETENTION_DAYS.contains(d.observability().logRetentionDays())) {
            report.problem(
                    "/observability/logRetentionDays",
                    d.observability().logRetentionDays() + " days is not a retention CloudWatch Logs accepts",
                    "use one of " + AwsFacts.LOG_RETENTION_DAYS);
        }
        if (d.observability().tracing() != null) {
            checkTracing(d.observability().tracing(), d.services() == null ? List.of() : d.services());
        }
    }

    private void checkTracing(Tracing tracing, List<ServiceSpec> services) {
        Double rate = tracing.samplingRate();
        if (rate != null && !(rate >= 0 && rate <= 1)) {
            report.problem(
                    "/observability/tracing/samplingRate",
                    "samplingRate " + rate + " is not a probability",
                    "use a value from 0 to 1, e.g. 0.05 to record one request in twenty");
        }
        List<String> known = services.stream().map(ServiceSpec::name).toList();
        List<String> traced = tracing.services() == null ? List.of() : tracing.services();
        for (int i = 0; i < traced.size(); i++) {
            String name = traced.get(i);
            if (!known.contains(name)) {
                report.problem(
                        "/observability/tracing/services/" + i,
                        "no service named `" + name + "`",
                        Suggestions.hint(name, known).orElse("use " + Suggestions.alternatives(known)));
            }
        }
        if (tracing.isEnabled() && traced.isEmpty()) {
            report.problem(
                    "/observability/tracing/services",
                    "tracing is enabled but traces no service",
                    "list the services that export OTLP traces, e.g. `services: ["
                            + known.stream().findFirst().orElse("api") + "]`");
        }
    }
}
