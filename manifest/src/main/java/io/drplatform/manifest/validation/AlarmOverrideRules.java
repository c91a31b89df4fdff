package io.drplatform.manifest.validation;

import io.drplatform.manifest.model.AlarmKind;
import io.drplatform.manifest.model.AlarmOverride;

/**
 * One entry of {@code alarms.overrides}: a threshold in the alarm's unit, periods that fit together (with the
 * platform's defaults for the ones left out), and a reason to switch an alarm off.
 */
final class AlarmOverrideRules extends SectionRules {

    AlarmOverrideRules(ProblemReport report) {
        super(report);
    }

    void check(AlarmKind kind, AlarmOverride override, String at) {
        checkThreshold(kind, override.threshold(), at);
        if (periodsValid(override, at)) {
            checkPeriods(kind, override, at);
        }
        if (override.reason() != null && override.reason().isBlank()) {
            report.problem(at + "/reason", "is empty", "say why the alarm is tuned or switched off");
        } else if (override.switchedOff() && override.reason() == null) {
            // Allowed in every environment, production included (an alarm that pages for a known, accepted condition
            // trains people to ignore pages), but never silently: the reason is what the review reads.
            report.problem(
                    at + "/enabled",
                    "switching `" + kind + "` off needs a `reason`",
                    "add `reason: ...` next to `enabled: false`; the alarm is not created and no drill stops on it");
        }
    }

    private void checkThreshold(AlarmKind kind, Double threshold, String at) {
        if (threshold == null) {
            return;
        }
        if (kind.unit() == AlarmKind.Unit.STATE) {
            report.problem(
                    at + "/threshold",
                    "`" + kind + "` alarms on a 0/1 state; its threshold cannot be tuned",
                    "tune evaluationPeriods and datapointsToAlarm instead");
        } else if (!Double.isFinite(threshold) || threshold < 0) {
            report.problem(
                    at + "/threshold", "must be zero or more (" + kind.unit().label() + "), found " + threshold, null);
        } else if (kind.unit() == AlarmKind.Unit.PERCENT && threshold > 100) {
            report.problem(
                    at + "/threshold", "`" + kind + "` is a percentage; must be 0 to 100, found " + threshold, null);
        }
    }

    /** Each count is at least one; both are reported when both are wrong. */
    private boolean periodsValid(AlarmOverride override, String at) {
        boolean valid = true;
        if (override.evaluationPeriods() != null && override.evaluationPeriods() < 1) {
            report.problem(
                    at + "/evaluationPeriods",
                    "must be at least 1 period, found " + override.evaluationPeriods(),
                    null);
            valid = false;
        }
        if (override.datapointsToAlarm() != null && override.datapointsToAlarm() < 1) {
            report.problem(
                    at + "/datapointsToAlarm",
                    "must be at least 1 datapoint, found " + override.datapointsToAlarm(),
                    null);
            valid = false;
        }
        return valid;
    }

    /** No more datapoints to alarm than periods evaluated, counting the platform's default for one left out. */
    private void checkPeriods(AlarmKind kind, AlarmOverride override, String at) {
        Integer periods = override.evaluationPeriods();
        Integer datapoints = override.datapointsToAlarm();
        if (periods != null && datapoints != null && datapoints > periods) {
            report.conflict(
                    at + "/datapointsToAlarm",
                    at + "/evaluationPeriods",
                    "datapointsToAlarm " + datapoints + " is more than evaluationPeriods " + periods,
                    "at most " + periods + " of " + periods + " periods can breach");
        } else if (periods != null && datapoints == null && kind.datapointsToAlarm() > periods) {
            report.problem(
                    at + "/evaluationPeriods",
                    "evaluationPeriods " + periods + " is fewer than the platform's datapointsToAlarm ("
                            + kind.datapointsToAlarm() + ") for `" + kind + "`",
                    "set datapointsToAlarm too, at most " + periods);
        } else if (periods == null && datapoints != null && datapoints > kind.evaluationPeriods()) {
            report.problem(
                    at + "/datapointsToAlarm",
                    "datapointsToAlarm " + datapoints + " is more than the platform's evaluationPeriods ("
                            + kind.evaluationPeriods() + ") for `" + kind + "`",
                    "raise evaluationPeriods too, or lower datapointsToAlarm");
        }
    }
}
