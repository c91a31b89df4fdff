package io.drplatform.cdk.observability;

import io.drplatform.manifest.model.AlarmKind;
import io.drplatform.manifest.model.AlarmOverride;
import io.drplatform.manifest.model.AlarmSeverity;
import io.drplatform.manifest.model.AlarmTargets;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.constructs.Construct;

/**
 * Creates alarms the one way the platform wants them: named after the application, notifying the topic of the
 * alarm's severity (the kind's default, or the manifest's {@code alarms.overrides.<anchor>.severity}) on alarm and on
 * recovery, and described with what the alarm means, what on-call should do, and the alarm
 * guide section to read. Every alarm the platform defines goes through here, so none can miss an action.
 *
 * <p>The manifest's {@code alarms.overrides} are applied here, on top of the platform defaults each alarm is
 * declared with: a tuned threshold or period count replaces the default (and the description says so), an alarm
 * switched off is not created, so it is neither on the dashboard nor among the drill stop conditions.
 */
public final class AlarmFactory {
    /** Where each alarm's runbook section lives, relative to the repository root. */
    public static final String ALARM_GUIDE = "ops-runbooks/alarm-guide.md";

    /**
     * One alarm's intent: the kind names the runbook anchor. The threshold is in CloudWatch's unit (bytes for
     * storage), as the platform default; evaluation periods and datapoints default to the kind's.
     */
    public record AlarmSpec(
            AlarmKind kind,
            String meaning,
            String action,
            IMetric metric,
            double threshold,
            ComparisonOperator comparison,
            int evaluationPeriods,
            int datapointsToAlarm,
            TreatMissingData missingData) {

        /** With the platform's default evaluation periods and datapoints for the kind. */
        public AlarmSpec(
                AlarmKind kind,
                String meaning,
                String action,
                IMetric metric,
                double threshold,
                ComparisonOperator comparison,
                TreatMissingData missingData) {
            this(
                    kind,
                    meaning,
                    action,
                    metric,
                    threshold,
                    comparison,
                    kind.evaluationPeriods(),
                    kind.datapointsToAlarm(),
                    missingData);
        }

        public String anchor() {
            return kind.anchor();
        }

        /** The spec with the manifest's values on top; the meaning keeps the defaults and says what was tuned. */
        AlarmSpec tunedBy(AlarmOverride override) {
            double tunedThreshold =
                    override.threshold() == null ? threshold : kind.unit().toMetric(override.threshold());
            int periods = override.evaluationPeriods() == null ? evaluationPeriods : override.evaluationPeriods();
            int datapoints = override.datapointsToAlarm() == null ? datapointsToAlarm : override.datapointsToAlarm();
            List<String> tuned = new ArrayList<>();
            if (override.threshold() != null) {
                tuned.add("threshold "
                        + BigDecimal.valueOf(override.threshold())
                                .stripTrailingZeros()
                                .toPlainString() + " " + kind.unit().label());
            }
            if (override.evaluationPeriods() != null || override.datapointsToAlarm() != null) {
                tuned.add(datapoints + " of " + periods + " periods");
            }
            if (override.severity() != null && override.severity() != kind.defaultSeverity()) {
                tuned.add("severity " + override.severity());
            }
            String note = tuned.isEmpty()
                    ? ""
                    : " Tuned by the manifest (alarms.overrides): " + String.join(", ", tuned)
                            + "; the figures above are the platform defaults.";
            return new AlarmSpec(
                    kind, meaning + note, action, metric, tunedThreshold, comparison, periods, datapoints, missingData);
        }
    }

    private final Construct scope;
    private final String prefix;
    private final AlarmTopics topics;
    private final Function<AlarmKind, Optional<AlarmOverride>> overrides;
    private final Function<AlarmKind, AlarmSeverity> severities;
    private final List<Alarm> alarms = new ArrayList<>();
    private final java.util.Map<Alarm, AlarmKind> kinds = new java.util.HashMap<>();

    /**
     * @param topics  the stack's topic per severity
     * @param targets the deployment's {@code alarms} section, whose {@code overrides} apply; null for none
     */
    public AlarmFactory(Construct scope, String prefix, AlarmTopics topics, AlarmTargets targets) {
        this.scope = scope;
        this.prefix = prefix;
        this.topics = topics;
        this.overrides = targets == null ? kind -> Optional.empty() : targets::override;
        this.severities = targets == null ? AlarmKind::defaultSeverity : targets::severity;
    }

    /**
     * @param subject distinguishes alarms of the same kind (a service or node name), or null
     * @return the alarm, or empty when the manifest switches this kind of alarm off
     */
    public Optional<Alarm> alarm(AlarmSpec declared, String subject) {
        Optional<AlarmOverride> override = overrides.apply(declared.kind());
        if (override.isPresent() && override.get().switchedOff()) {
            return Optional.empty();
        }
        AlarmSpec spec = override.map(declared::tunedBy).orElse(declared);
        String id = subject == null ? spec.anchor() : spec.anchor() + "-" + subject;
        Alarm alarm = Alarm.Builder.create(scope, "Alarm-" + id)
                .alarmName(prefix + "-" + id)
                .alarmDescription(describe(spec))
                .metric(spec.metric())
                .threshold(spec.threshold())
                .comparisonOperator(spec.comparison())
                .evaluationPeriods(spec.evaluationPeriods())
                .datapointsToAlarm(spec.datapointsToAlarm())
                .treatMissingData(spec.missingData())
                .build();
        SnsAction notify = new SnsAction(topics.topic(severities.apply(spec.kind())));
        alarm.addAlarmAction(notify);
        alarm.addOkAction(notify);
        alarms.add(alarm);
        kinds.put(alarm, spec.kind());
        return Optional.of(alarm);
    }

    public static String describe(AlarmSpec spec) {
        return spec.meaning() + " On-call: " + spec.action() + " Runbook: " + ALARM_GUIDE + "#" + spec.anchor();
    }

    public List<Alarm> getAlarms() {
        return alarms;
    }

    /** The alarms of the kinds that pass the filter, in creation order (e.g. the manifest's drill stop conditions). */
    public List<Alarm> getAlarms(java.util.function.Predicate<AlarmKind> kind) {
        return alarms.stream().filter(a -> kind.test(kinds.get(a))).toList();
    }
}
