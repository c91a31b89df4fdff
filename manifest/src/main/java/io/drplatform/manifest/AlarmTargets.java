package io.drplatform.manifest;

import java.util.List;

/** Who hears about alarms: e-mail addresses and HTTPS endpoints subscribed to the alarm topic. */
public record AlarmTargets(List<String> email, List<String> https) {
}
