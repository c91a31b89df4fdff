package io.drplatform.tco.calculator;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;

/**
 * A validated calculation request. Instances only come out of {@link TcoInputParser}, so every field is within
 * its accepted range; the record is also the canonical form that is stored, echoed and hashed for
 * idempotency (record component order fixes the JSON field order, which keeps output byte-for-byte stable).
 */
public record TcoInput(
        String currency,
        int analysisYears,
        BigDecimal discountRate,
        Electricity electricity,
        BigDecimal itLoadKw,
        BigDecimal utilization,
        @JsonInclude(JsonInclude.Include.NON_NULL) BigDecimal gridKgCo2PerKwh,
        AirCooling air,
        ImmersionCooling immersion) {

    public record Electricity(BigDecimal pricePerKwh, BigDecimal annualEscalation) {}

    public record AirCooling(BigDecimal pue, BigDecimal capexPerKw, BigDecimal maintenancePerKwYear) {}

    public record ImmersionCooling(
            BigDecimal pue,
            BigDecimal itPowerReduction,
            BigDecimal capexPerKw,
            BigDecimal coolantCostPerKw,
            BigDecimal maintenancePerKwYear) {}
}
