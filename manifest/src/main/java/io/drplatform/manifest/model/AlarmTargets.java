package io.drplatform.manifest.model;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code alarms} section: who hears about alarms, per {@link AlarmSeverity} (each severity's subscribers get only
 * the alarms of that severity), and the alarms the manifest tunes, re-routes or switches off, keyed by
 * {@link AlarmKind#anchor()}.
 */
public record AlarmTargets(
        AlarmSubscribers page, AlarmSubscribers ticket, AlarmSubscribers info, Map<String, AlarmOverride> overrides) {

    /** What the manifest changes for this kind of alarm; empty when it keeps the platform defaults. */
    public Optional<AlarmOverride> override(AlarmKind kind) {
        return overrides == null ? Optional.empty() : Optional.ofNullable(overrides.get(kind.anchor()));
    }

    /** The severity alarms of this kind are sent with: the manifest's override, or the kind's default. */
    public AlarmSeverity severity(AlarmKind kind) {
        return override(kind).map(AlarmOverride::severity).orElse(kind.defaultSeverity());
    }

    /** The subscribers of one severity; none when the manifest leaves it out. */
    public AlarmSubscribers subscribers(AlarmSeverity severity) {
        AlarmSubscribers subscribers = switch (severity) {
            case PAGE -> page;
            case TICKET -> ticket;
            case INFO -> info;
        };
        return subscribers == null ? new AlarmSubscribers(null, null) : subscribers;
    }

    /** The kinds of alarm sent with a severity, in declaration order; switched-off kinds are not sent at all. */
    public List<AlarmKind> kindsOf(AlarmSeverity severity) {
        return Arrays.stream(AlarmKind.values())
                .filter(kind -> override(kind).map(o -> !o.switchedOff()).orElse(true))
                .filter(kind -> severity(kind) == severity)
                .toList();
    }
}
