package io.drplatform.tco.calculation;

import io.drplatform.tco.calculator.TcoResult;
import java.math.BigDecimal;
import java.util.List;

/** Yearly cash flows as RFC 4180 CSV: a header row, CRLF line ends, fields quoted only when needed. */
final class CashFlowCsv {
    static final String HEADER = "year,air_cash_flow,air_present_value,immersion_cash_flow,"
            + "immersion_present_value,difference,cumulative_difference";

    private CashFlowCsv() {}

    static String render(Calculation c) {
        StringBuilder sb = new StringBuilder(HEADER).append("\r\n");
        List<TcoResult.YearCashFlow> air = c.result().air().cashFlows();
        List<TcoResult.YearCashFlow> imm = c.result().immersion().cashFlows();
        BigDecimal cumulative = BigDecimal.ZERO;
        for (int i = 0; i < air.size(); i++) {
            BigDecimal diff = air.get(i).amount().subtract(imm.get(i).amount());
            cumulative = cumulative.add(diff);
            sb.append(air.get(i).year())
                    .append(',')
                    .append(field(air.get(i).amount()))
                    .append(',')
                    .append(field(air.get(i).presentValue()))
                    .append(',')
                    .append(field(imm.get(i).amount()))
                    .append(',')
                    .append(field(imm.get(i).presentValue()))
                    .append(',')
                    .append(field(diff))
                    .append(',')
                    .append(field(cumulative))
                    .append("\r\n");
        }
        return sb.toString();
    }

    private static String field(BigDecimal v) {
        return quote(v.toPlainString());
    }

    static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\r') < 0 && s.indexOf('\n') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
