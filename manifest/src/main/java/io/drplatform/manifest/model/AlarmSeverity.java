package io.drplatform.manifest.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;

/**
 * How urgently an alarm needs a person, and so which of the region's alarm topics it notifies: each severity has its
 * own SNS topic and its own subscribers ({@code alarms.page}, {@code alarms.ticket}, {@code alarms.info}).
 */
public enum AlarmSeverity {
    /** Somebody acts now, at any hour: users see an outage or errors, or data is at risk. */
    PAGE("page"),
    /** Somebody acts within working hours: the application is degraded or its safety margin is gone. */
    TICKET("ticket"),
    /** Nobody needs to act on it alone: a capacity trend, read in the regular review and on the dashboard. */
    INFO("info");

    private final String id;

    AlarmSeverity(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(AlarmSeverity::id).toList();
    }

    @Override
    public String toString() {
        return id;
    }
}
