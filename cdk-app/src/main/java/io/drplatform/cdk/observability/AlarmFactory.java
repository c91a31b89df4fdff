package io.drplatform.cdk.observability;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.sns.ITopic;
import software.constructs.Construct;

/**
 * Creates alarms the one way the platform wants them: named after the application, notifying the alarm topic
 * on alarm and on recovery, and described with what the alarm means, what on-call should do, and the alarm
 * guide section to read. Every alarm the platform defines goes through here, so none can miss an action.
 */
public final class AlarmFactory {
    /** Where each alarm's runbook section lives, relative to the repository root. */
    public static final String ALARM_GUIDE = "ops-runbooks/alarm-guide.md";

    /** One alarm's intent: the runbook anchor doubles as the alarm's kind. */
    public record AlarmSpec(String anchor, String meaning, String action, IMetric metric, double threshold,
                            ComparisonOperator comparison, int evaluationPeriods, int datapointsToAlarm,
                            TreatMissingData missingData) {
    }

    private final Construct scope;
    private final String prefix;
    private final ITopic topic;
    private final List<Alarm> alarms = new ArrayList<>();

    public AlarmFactory(Construct scope, String prefix, ITopic topic) {
        this.scope = scope;
        this.prefix = prefix;
        this.topic = topic;
    }

    /** @param subject distinguishes alarms of the same kind (a service or node name), or null */
    public Alarm alarm(AlarmSpec spec, String subject) {
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
        alarm.addAlarmAction(new SnsAction(topic));
        alarm.addOkAction(new SnsAction(topic));
        alarms.add(alarm);
        return alarm;
    }

    public static String describe(AlarmSpec spec) {
        return spec.meaning() + " On-call: " + spec.action() + " Runbook: " + ALARM_GUIDE + "#" + spec.anchor();
    }

    public List<Alarm> getAlarms() {
        return alarms;
    }
}
