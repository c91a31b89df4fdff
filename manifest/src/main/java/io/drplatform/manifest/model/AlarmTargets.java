package io.drplatform.manifest.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code alarms} section: who hears about alarms (e-mail addresses and HTTPS endpoints subscribed to the alarm
 * topic) and the alarms the manifest tunes or switches off, keyed by {@link AlarmKind#anchor()}.
 */
public record AlarmTargets(List<String> email, List<String> https, Map<String, AlarmOverride> overrides) {

    /** What the manifest changes for this kind of alarm; empty when it keeps the platform defaults. */
    public Optional<AlarmOverride> override(AlarmKind kind) {
        return overrides == null ? Optional.empty() : Optional.ofNullable(overrides.get(kind.anchor()));
    }
}
