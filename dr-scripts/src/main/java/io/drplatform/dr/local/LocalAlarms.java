package io.drplatform.dr.local;

import io.drplatform.dr.provider.Alarms;
import java.io.IOException;
import java.util.List;

/** Local alarms are marker files ({@code dr local alarm NAME}), so stop conditions can be exercised on a laptop. */
final class LocalAlarms implements Alarms {
    private final LocalPair pair;

    LocalAlarms(LocalPair pair) {
        this.pair = pair;
    }

    @Override
    public List<String> firing() throws IOException {
        return PostgresServer.list(pair.state().alarmDirectory()).stream()
                .map(p -> p.getFileName().toString())
                .sorted()
                .toList();
    }
}
