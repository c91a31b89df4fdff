package io.drplatform.manifest.model;

import java.util.List;

/**
 * Who hears about the alarms of one severity ({@code alarms.page}, {@code alarms.ticket} or {@code alarms.info}):
 * e-mail addresses and HTTPS endpoints subscribed to that severity's topic.
 */
public record AlarmSubscribers(List<String> email, List<String> https) {

    /** The addresses, none when the key is left out. */
    public List<String> emails() {
        return email == null ? List.of() : email;
    }

    /** The endpoints, none when the key is left out. */
    public List<String> endpoints() {
        return https == null ? List.of() : https;
    }

    public boolean isEmpty() {
        return emails().isEmpty() && endpoints().isEmpty();
    }
}
