package io.drplatform.tco.calculator;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/**
 * The TCO model of air against immersion cooling, in BigDecimal. Additions and multiplications are exact; powers and divisions use
 * 34 significant digits (IEEE decimal128), far beyond anything the rounding in the response can reveal.
 * Stateless and deterministic: the same input always yields the same result.
 */
public final class TcoCalculator {

    public static final MathContext MC = MathContext.DECIMAL128;
    private static final BigDecimal HOURS_PER_YEAR = BigDecimal.valueOf(8760);
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private TcoCalculator() {}

    /** Computes at full precision and rounds for presentation. */
    public static TcoResult calculate(TcoInput in) {
        return round(calculateExact(in), Currency.getInstance(in.currency()));
    }

    /** Full-precision result, not rounded. */
    public static TcoResult calculateExact(TcoInput in) {
        var air = new Option(
                in.air().pue(),
                BigDecimal.ZERO,
                in.air().capexPerKw(),
                BigDecimal.ZERO,
                in.air().maintenancePerKwYear());
        var imm = new Option(
                in.immersion().pue(),
                in.immersion().itPowerReduction(),
                in.immersion().capexPerKw(),
                in.immersion().coolantCostPerKw(),
                in.immersion().maintenancePerKwYear());

        List<BigDecimal> airFlows = cashFlows(in, air);
        List<BigDecimal> immFlows = cashFlows(in, imm);
        var airResult = optionResult(in, air, airFlows);
        var immResult = optionResult(in, imm, immFlows);

        BigDecimal savings = airResult.npv().subtract(immResult.npv());
        BigDecimal savingsPercent = airResult.npv().signum() == 0
                ? BigDecimal.ZERO
                : savings.divide(airResult.npv(), MC).multiply(HUNDRED);
        return new TcoResult(airResult, immResult, savings, savingsPercent, payback(airFlows, immFlows));
    }

    private record Option(
            BigDecimal pue,
            BigDecimal itPowerReduction,
            BigDecimal capexPerKw,
            BigDecimal coolantCostPerKw,
            BigDecimal maintenancePerKwYear) {}

    private static BigDecimal facilityKwhPerYear(TcoInput in, Option o) {
        return in.itLoadKw()
                .multiply(BigDecimal.ONE.subtract(o.itPowerReduction()))
                .multiply(in.utilization())
                .multiply(HOURS_PER_YEAR)
                .multiply(o.pue());
    }

    /** Cash flows for years 0..N (index = year). */
    private static List<BigDecimal> cashFlows(TcoInput in, Option o) {
        BigDecimal kwh = facilityKwhPerYear(in, o);
        BigDecimal energyYearOne = kwh.multiply(in.electricity().pricePerKwh());
        BigDecimal maintenance = in.itLoadKw().multiply(o.maintenancePerKwYear());
        BigDecimal growth = BigDecimal.ONE.add(in.electricity().annualEscalation());
        List<BigDecimal> flows = new ArrayList<>(in.analysisYears() + 1);
        flows.add(in.itLoadKw().multiply(o.capexPerKw().add(o.coolantCostPerKw())));
        for (int y = 1; y <= in.analysisYears(); y++) {
            flows.add(energyYearOne.multiply(growth.pow(y - 1, MC)).add(maintenance));
        }
        return flows;
    }

    private static TcoResult.OptionResult optionResult(TcoInput in, Option o, List<BigDecimal> flows) {
        BigDecimal discountBase = BigDecimal.ONE.add(in.discountRate());
        BigDecimal tco = BigDecimal.ZERO;
        BigDecimal npv = BigDecimal.ZERO;
        List<TcoResult.YearCashFlow> years = new ArrayList<>(flows.size());
        for (int y = 0; y < flows.size(); y++) {
            BigDecimal flow = flows.get(y);
            BigDecimal pv = flow.divide(discountBase.pow(y, MC), MC);
            tco = tco.add(flow);
            npv = npv.add(pv);
            years.add(new TcoResult.YearCashFlow(y, flow, pv));
        }
        BigDecimal kwh = facilityKwhPerYear(in, o);
        BigDecimal co2 = in.gridKgCo2PerKwh() == null
                ? null
                : kwh.multiply(in.gridKgCo2PerKwh()).divide(THOUSAND, MC);
        return new TcoResult.OptionResult(flows.get(0), List.copyOf(years), tco, npv, kwh, co2);
    }

    /**
     * First point where the cumulative undiscounted difference (air minus immersion, from year 0) reaches zero,
     * interpolated linearly inside that year; 0 when immersion never costs more up front, null when not reached.
     */
    static BigDecimal payback(List<BigDecimal> airFlows, List<BigDecimal> immFlows) {
        BigDecimal cumulative = airFlows.get(0).subtract(immFlows.get(0));
        if (cumulative.signum() >= 0) {
            return BigDecimal.ZERO;
        }
        for (int y = 1; y < airFlows.size(); y++) {
            BigDecimal previous = cumulative;
            cumulative = cumulative.add(airFlows.get(y).subtract(immFlows.get(y)));
            if (cumulative.signum() >= 0) {
                // previous < 0 <= cumulative, so the denominator is positive.
                BigDecimal fraction = previous.negate().divide(cumulative.subtract(previous), MC);
                return BigDecimal.valueOf(y - 1L).add(fraction);
            }
        }
        return null;
    }

    /** Presentation rounding: money to the currency's minor units, energy and CO2 to 3 places, ratios to 2. */
    public static TcoResult round(TcoResult r, Currency currency) {
        int minor = currency.getDefaultFractionDigits();
        return new TcoResult(
                round(r.air(), minor),
                round(r.immersion(), minor),
                money(r.savings(), minor),
                scale(r.savingsPercent(), 2),
                r.paybackYears() == null ? null : scale(r.paybackYears(), 2));
    }

    private static TcoResult.OptionResult round(TcoResult.OptionResult o, int minor) {
        List<TcoResult.YearCashFlow> years = o.cashFlows().stream()
                .map(c ->
                        new TcoResult.YearCashFlow(c.year(), money(c.amount(), minor), money(c.presentValue(), minor)))
                .toList();
        return new TcoResult.OptionResult(
                money(o.capex(), minor),
                years,
                money(o.tco(), minor),
                money(o.npv(), minor),
                scale(o.facilityKwhPerYear(), 3),
                o.co2TonnesPerYear() == null ? null : scale(o.co2TonnesPerYear(), 3));
    }

    private static BigDecimal money(BigDecimal v, int minorDigits) {
        return scale(v, minorDigits);
    }

    private static BigDecimal scale(BigDecimal v, int digits) {
        BigDecimal r = v.setScale(digits, RoundingMode.HALF_EVEN);
        // -0.00 and 0.00 must print the same.
        return r.signum() == 0 ? BigDecimal.ZERO.setScale(digits) : r;
    }
}
