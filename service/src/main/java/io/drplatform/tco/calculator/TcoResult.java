package io.drplatform.tco.calculator;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.List;

/**
 * The outcome of a calculation. The calculator produces it at full precision; {@link #rounded} is the only place
 * where figures lose digits, so every derived value (savings, payback) is computed from unrounded inputs.
 */
public record TcoResult(
        OptionResult air,
        OptionResult immersion,
        BigDecimal savings,
        BigDecimal savingsPercent,
        BigDecimal paybackYears) {

    public record OptionResult(
            BigDecimal capex,
            List<YearCashFlow> cashFlows,
            BigDecimal tco,
            BigDecimal npv,
            BigDecimal facilityKwhPerYear,
            @JsonInclude(JsonInclude.Include.NON_NULL) BigDecimal co2TonnesPerYear) {}

    /** One year's undiscounted cash flow and its present value; year 0 is the up-front investment. */
    public record YearCashFlow(int year, BigDecimal amount, BigDecimal presentValue) {}
}
