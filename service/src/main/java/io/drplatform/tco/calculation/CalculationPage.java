package io.drplatform.tco.calculation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One page of the caller's calculations, newest first; {@code nextCursor} is null on the last page. */
public record CalculationPage(List<Summary> items, String nextCursor) {

    /** Enough to pick a calculation from a list; the full document is at {@code GET /calculations/{id}}. */
    public record Summary(
            UUID id,
            Instant createdAt,
            String region,
            String currency,
            int analysisYears,
            BigDecimal savings,
            BigDecimal savingsPercent,
            BigDecimal paybackYears) {}
}
