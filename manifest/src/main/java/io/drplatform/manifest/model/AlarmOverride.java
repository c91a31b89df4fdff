package io.drplatform.manifest.model;

/**
 * One alarm tuned or re-routed by the manifest ({@code alarms.overrides.<anchor>}); every key is optional and an unset one keeps
 * the platform default. Like every section it layers: an {@code environments.<env>} value beats the manifest's own.
 *
 * @param threshold         in the alarm kind's {@link AlarmKind.Unit} (percent, seconds, a count, GiB)
 * @param evaluationPeriods how many of the metric's periods CloudWatch looks at
 * @param datapointsToAlarm how many of those must breach; at most {@code evaluationPeriods}
 * @param enabled           {@code false} switches the alarm off (it is not created and no drill stops on it)
 * @param reason            why; required to switch an alarm off, so the review sees it
 * @param severity          which severity's topic the alarm notifies, in place of the kind's default
 */
public record AlarmOverride(
        Double threshold,
        Integer evaluationPeriods,
        Integer datapointsToAlarm,
        Boolean enabled,
        String reason,
        AlarmSeverity severity) {

    /** True when the manifest switches the alarm off. */
    public boolean switchedOff() {
        return Boolean.FALSE.equals(enabled);
    }
}
