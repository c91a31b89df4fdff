package io.drplatform.dr.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DataLossTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static List<AcknowledgedWrites.Ack> acks(int n) {
        List<AcknowledgedWrites.Ack> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(new AcknowledgedWrites.Ack(i, "id" + i, T0.plusMillis(i * 100L - 20), T0.plusMillis(i * 100L)));
        }
        return out;
    }

    @Test
    void nothingLostMeansZeroWindow() {
        DataLoss loss = DataLoss.assess(acks(10), a -> 200);
        assertThat(loss.lost()).isZero();
        assertThat(loss.window()).isEqualTo(Duration.ZERO);
        assertThat(loss.checked()).isEqualTo(10);
    }

    @Test
    void lostTailCountsWritesAndWindowFromLastSurvivor() {
        Set<String> gone = Set.of("id8", "id9", "id10");
        DataLoss loss = DataLoss.assess(acks(12).subList(0, 10), a -> gone.contains(a.id()) ? 404 : 200);
        assertThat(loss.lostSequences()).containsExactly(8L, 9L, 10L);
        // last survivor id7 acked at 700 ms, last lost id10 acked at 1000 ms
        assertThat(loss.window()).isEqualTo(Duration.ofMillis(300));
    }

    @Test
    void unreadableWritesAreUnknownNotSafe() {
        DataLoss loss = DataLoss.assess(acks(3), a -> a.sequence() == 2 ? 503 : 200);
        assertThat(loss.unknown()).isEqualTo(1);
        assertThat(loss.lost()).isZero();
    }

    @Test
    void journalIsWrittenOutsideTheDatabase(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        var file = dir.resolve("acks.tsv");
        try (AcknowledgedWrites journal = new AcknowledgedWrites(file)) {
            journal.record(1, "42", T0, T0.plusMillis(5));
            journal.record(2, "43", T0.plusMillis(100), T0.plusMillis(105));
            assertThat(journal.sentBefore(T0.plusMillis(50)))
                    .extracting(AcknowledgedWrites.Ack::id)
                    .containsExactly("42");
        }
        assertThat(java.nio.file.Files.readAllLines(file))
                .hasSize(2)
                .first()
                .asString()
                .startsWith("1\t42\t");
    }
}
