package io.drplatform.dr.measure;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * RPO as achieved: which acknowledged writes are missing after the switch, and the window between the last
 * surviving and the last acknowledged write.
 *
 * @param checked      acknowledged writes whose survival was checked
 * @param unknown      writes whose survival could not be determined (read errors): reported, never counted as safe
 */
public record DataLoss(int checked, List<Long> lostSequences, int unknown, Duration window) {

    public int lost() {
        return lostSequences.size();
    }

    /**
     * @param acknowledged every acknowledged write, in sequence order
     * @param survival     answers 200 → survived, 404 → lost, anything else → unknown
     */
    public static DataLoss assess(
            List<AcknowledgedWrites.Ack> acknowledged, ToIntFunction<AcknowledgedWrites.Ack> survival) {
        List<AcknowledgedWrites.Ack> lost = new ArrayList<>();
        List<AcknowledgedWrites.Ack> surviving = new ArrayList<>();
        int unknown = 0;
        for (AcknowledgedWrites.Ack ack : acknowledged) {
            int status = survival.applyAsInt(ack);
            if (status == 200) {
                surviving.add(ack);
            } else if (status == 404) {
                lost.add(ack);
            } else {
                unknown++;
            }
        }
        Duration window = Duration.ZERO;
        if (!lost.isEmpty()) {
            // The window of lost history: from the last write that survived before the first loss to the last lost one.
            long firstLost = lost.get(0).sequence();
            AcknowledgedWrites.Ack lastLost = lost.get(lost.size() - 1);
            Instant from = surviving.stream()
                    .filter(a -> a.sequence() < firstLost)
                    .map(AcknowledgedWrites.Ack::acknowledgedAt)
                    .reduce((a, b) -> b)
                    .orElse(lost.get(0).sentAt());
            window = Duration.between(from, lastLost.acknowledgedAt());
        }
        return new DataLoss(
                acknowledged.size(),
                lost.stream().map(AcknowledgedWrites.Ack::sequence).toList(),
                unknown,
                window);
    }
}
