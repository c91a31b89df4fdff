package io.drplatform.tco.calculation;

import io.drplatform.tco.calculator.TcoInput;
import io.drplatform.tco.calculator.TcoResult;
import java.time.Instant;
import java.util.UUID;

/** A stored calculation as the API shows it. */
public record Calculation(UUID id, Instant createdAt, String region, TcoInput input, TcoResult result) {}
