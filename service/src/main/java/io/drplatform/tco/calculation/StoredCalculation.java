package io.drplatform.tco.calculation;

import java.time.Instant;
import java.util.UUID;

/** A row of the calculations table; input and result are the JSON documents as stored (jsonb as text). */
record StoredCalculation(
        UUID id,
        String owner,
        Instant createdAt,
        String region,
        String idempotencyKey,
        String requestHash,
        String inputJson,
        String resultJson) {}
