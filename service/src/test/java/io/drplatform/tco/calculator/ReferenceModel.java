package io.drplatform.tco.calculator;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * An independent transcription of the calculator's formulas, used only to derive expected numbers in tests. It does not
 * call the production calculator and computes differently on purpose: escalation and discount factors are built by
 * repeated exact multiplication (not pow), divisions use 50 digits, and payback walks the cumulative sums itself.
 */
final class ReferenceModel {
    private static final MathContext MC = new MathContext(50, RoundingMode.HALF_EVEN);

    record Option(
            BigDecimal pue,
            BigDecimal reduction,
            BigDecimal capexPerKw,
            BigDecimal coolantPerKw,
            BigDecimal maintenancePerKwYear) {}

    record Case(
            int years,
            BigDecimal rate,
            BigDecimal price,
            BigDecimal escalation,
            BigDecimal load,
            BigDecimal utilization,
            BigDecimal grid,
            Option air,
            Option immersion) {}

    record OptionFigures(
            List<BigDecimal> flows,
            List<BigDecimal> presentValues,
            BigDecimal tco,
            BigDecimal npv,
            BigDecimal kwh,
            BigDecimal co2) {}

    record Figures(
            OptionFigures air,
            OptionFigures immersion,
            BigDecimal savings,
            BigDecimal savingsPercent,
            BigDecimal payback) {}

    static Figures compute(Case c) {
        OptionFigures air = option(c, c.air());
        OptionFigures imm = option(c, c.immersion());
        BigDecimal savings = air.npv().subtract(imm.npv());
        BigDecimal percent = air.npv().signum() == 0
                ? BigDecimal.ZERO
                : savings.multiply(new BigDecimal(100)).divide(air.npv(), MC);
        BigDecimal payback = null;
        BigDecimal cumulative = BigDecimal.ZERO;
        for (int y = 0; y <= c.years(); y++) {
            BigDecimal before = cumulative;
            cumulative = cumulative.add(air.flows().get(y)).subtract(imm.flows().get(y));
            if (cumulative.compareTo(BigDecimal.ZERO) >= 0) {
                if (y == 0) {
                    payback = BigDecimal.ZERO;
                } else {
                    BigDecimal gainedThisYear = cumulative.subtract(before);
                    payback = new BigDecimal(y - 1).add(before.abs().divide(gainedThisYear, MC));
                }
                break;
            }
        }
        return new Figures(air, imm, savings, percent, payback);
    }

    private static OptionFigures option(Case c, Option o) {
        BigDecimal kwh = c.load()
                .multiply(BigDecimal.ONE.subtract(o.reduction()))
                .multiply(c.utilization())
                .multiply(new BigDecimal(8760))
                .multiply(o.pue());
        List<BigDecimal> flows = new ArrayList<>();
        List<BigDecimal> pvs = new ArrayList<>();
        flows.add(c.load().multiply(o.capexPerKw()).add(c.load().multiply(o.coolantPerKw())));
        pvs.add(flows.get(0));
        BigDecimal escalationFactor = BigDecimal.ONE;
        BigDecimal discountFactor = BigDecimal.ONE;
        for (int y = 1; y <= c.years(); y++) {
            BigDecimal flow = kwh.multiply(c.price())
                    .multiply(escalationFactor)
                    .add(c.load().multiply(o.maintenancePerKwYear()));
            discountFactor = discountFactor.multiply(BigDecimal.ONE.add(c.rate()));
            flows.add(flow);
            pvs.add(flow.divide(discountFactor, MC));
            escalationFactor = escalationFactor.multiply(BigDecimal.ONE.add(c.escalation()));
        }
        BigDecimal tco = flows.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal npv = pvs.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal co2 = c.grid() == null ? null : kwh.multiply(c.grid()).movePointLeft(3);
        return new OptionFigures(flows, pvs, tco, npv, kwh, co2);
    }
}
