package io.drplatform.tco.calculator;

import static org.assertj.core.api.Assertions.assertThat;

import io.drplatform.tco.support.ServiceTest;
import io.drplatform.tco.web.Json;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/**
 * Worked examples through the real API ({@code POST /api/v1/quotes}). Expected figures come from
 * {@link ReferenceModel}, an independent transcription of the formulas, rounded here as the API rounds its answers; a few
 * examples are built so the key answer is also obvious by hand (e.g. a payback of exactly half a year).
 */
class WorkedExamplesTest extends ServiceTest {

    static Stream<Arguments> examples() {
        return Stream.of(
                Arguments.of("reference ten-year case", base()),
                Arguments.of("one year", with(base(), "analysisYears", 1)),
                Arguments.of("zero discount rate (npv equals tco)", with(base(), "discountRate", "0")),
                Arguments.of("negative escalation", with(base(), "electricity.annualEscalation", "-0.2")),
                Arguments.of(
                        "immersion never pays back",
                        with(
                                with(
                                        with(base(), "immersion.capexPerKw", "90000"),
                                        "immersion.maintenancePerKwYear",
                                        "500"),
                                "analysisYears",
                                5)),
                Arguments.of("payback inside the first year (exactly 0.5)", halfYearPayback()),
                Arguments.of("immersion cheaper up front (payback 0)", with(base(), "immersion.capexPerKw", "100")),
                Arguments.of("huge load", with(with(base(), "itLoadKw", "1000000"), "analysisYears", 30)),
                Arguments.of("smallest load", with(base(), "itLoadKw", "0.000001")),
                Arguments.of(
                        "JPY, no minor digits",
                        with(with(base(), "currency", "JPY"), "electricity.pricePerKwh", "9.5")),
                Arguments.of(
                        "BHD, three minor digits",
                        with(with(base(), "currency", "BHD"), "electricity.pricePerKwh", "0.029")),
                Arguments.of(
                        "KWD, three minor digits",
                        with(with(base(), "currency", "KWD"), "electricity.pricePerKwh", "0.0137")),
                Arguments.of("no grid factor (no CO2 figures)", without(base(), "gridKgCo2PerKwh")),
                Arguments.of(
                        "extreme rates",
                        with(
                                with(with(base(), "discountRate", "0.5"), "electricity.annualEscalation", "0.5"),
                                "analysisYears",
                                30)));
    }

    /** Every ISO currency Java knows with 0 or 3 minor digits (JPY, KRW, CLP, ..., BHD, KWD, JOD, OMR, ...). */
    static Stream<Arguments> zeroAndThreeDigitCurrencies() {
        return Currency.getAvailableCurrencies().stream()
                .filter(c -> c.getDefaultFractionDigits() == 0 || c.getDefaultFractionDigits() == 3)
                .map(Currency::getCurrencyCode)
                .sorted()
                .map(code ->
                        Arguments.of(code, with(with(base(), "currency", code), "electricity.pricePerKwh", "0.777")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("zeroAndThreeDigitCurrencies")
    void everyCurrencyWithZeroOrThreeMinorDigitsRoundsToItsMinorUnits(String code, Map<String, Object> request) {
        quoteMatchesTheFormulas(code, request);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void quoteMatchesTheFormulas(String name, Map<String, Object> request) {
        byte[] body = client.post()
                .uri("/api/v1/quotes")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Json.write(request))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult()
                .getResponseBody();
        JsonNode result = Json.readTree(body).get("result");

        ReferenceModel.Case c = toCase(request);
        ReferenceModel.Figures expected = ReferenceModel.compute(c);
        int minor = Currency.getInstance((String) request.get("currency")).getDefaultFractionDigits();

        assertOption(result.get("air"), expected.air(), minor, c.grid() != null);
        assertOption(result.get("immersion"), expected.immersion(), minor, c.grid() != null);
        assertThat(result.get("savings").decimalValue()).isEqualTo(round(expected.savings(), minor));
        assertThat(result.get("savingsPercent").decimalValue()).isEqualTo(round(expected.savingsPercent(), 2));
        if (expected.payback() == null) {
            assertThat(result.get("paybackYears").isNull())
                    .as("payback never reached")
                    .isTrue();
        } else {
            assertThat(result.get("paybackYears").decimalValue()).isEqualTo(round(expected.payback(), 2));
        }

        // Deterministic: the same input gives the same bytes.
        byte[] again = client.post()
                .uri("/api/v1/quotes")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Json.write(request))
                .exchange()
                .expectBody()
                .returnResult()
                .getResponseBody();
        assertThat(again).isEqualTo(body);

        assertThat(result.get("savings").decimalValue().scale())
                .as("money has the currency's minor digits")
                .isEqualTo(minor);
        // Hand-checkable anchors for a few of the cases.
        switch (name) {
            case "payback inside the first year (exactly 0.5)" ->
                assertThat(result.get("paybackYears").decimalValue()).isEqualByComparingTo("0.5");
            case "immersion cheaper up front (payback 0)" ->
                assertThat(result.get("paybackYears").decimalValue()).isEqualTo(new BigDecimal("0.00"));
            case "zero discount rate (npv equals tco)" ->
                assertThat(result.get("air").get("npv").decimalValue())
                        .isEqualTo(result.get("air").get("tco").decimalValue());
            case "JPY, no minor digits" ->
                assertThat(result.get("savings").decimalValue().scale()).isZero();
            case "BHD, three minor digits", "KWD, three minor digits" ->
                assertThat(result.get("air").get("capex").decimalValue().scale())
                        .isEqualTo(3);
            case "one year" ->
                assertThat(result.get("air").get("cashFlows").size()).isEqualTo(2);
            case "no grid factor (no CO2 figures)" ->
                assertThat(result.get("air").has("co2TonnesPerYear")).isFalse();
            default -> {}
        }
    }

    private static void assertOption(
            JsonNode actual, ReferenceModel.OptionFigures expected, int minor, boolean hasGrid) {
        assertThat(actual.get("capex").decimalValue())
                .isEqualTo(round(expected.flows().get(0), minor));
        assertThat(actual.get("tco").decimalValue()).isEqualTo(round(expected.tco(), minor));
        assertThat(actual.get("npv").decimalValue()).isEqualTo(round(expected.npv(), minor));
        assertThat(actual.get("facilityKwhPerYear").decimalValue()).isEqualTo(round(expected.kwh(), 3));
        if (hasGrid) {
            assertThat(actual.get("co2TonnesPerYear").decimalValue()).isEqualTo(round(expected.co2(), 3));
        }
        JsonNode flows = actual.get("cashFlows");
        assertThat(flows.size()).isEqualTo(expected.flows().size());
        for (int y = 0; y < flows.size(); y++) {
            assertThat(flows.get(y).get("year").intValue()).isEqualTo(y);
            assertThat(flows.get(y).get("amount").decimalValue())
                    .as("year %d", y)
                    .isEqualTo(round(expected.flows().get(y), minor));
            assertThat(flows.get(y).get("presentValue").decimalValue())
                    .as("pv year %d", y)
                    .isEqualTo(round(expected.presentValues().get(y), minor));
        }
    }

    private static BigDecimal round(BigDecimal v, int digits) {
        BigDecimal r = v.setScale(digits, RoundingMode.HALF_EVEN);
        return r.signum() == 0 ? BigDecimal.ZERO.setScale(digits) : r;
    }

    // ---- request building

    static Map<String, Object> base() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("currency", "USD");
        m.put("analysisYears", 10);
        m.put("discountRate", new BigDecimal("0.08"));
        m.put(
                "electricity",
                new LinkedHashMap<>(
                        Map.of("pricePerKwh", new BigDecimal("0.12"), "annualEscalation", new BigDecimal("0.03"))));
        m.put("itLoadKw", new BigDecimal("1000"));
        m.put("utilization", new BigDecimal("0.8"));
        m.put("gridKgCo2PerKwh", new BigDecimal("0.4"));
        m.put(
                "air",
                new LinkedHashMap<>(Map.of(
                        "pue",
                        new BigDecimal("1.6"),
                        "capexPerKw",
                        new BigDecimal("2500"),
                        "maintenancePerKwYear",
                        new BigDecimal("120"))));
        m.put(
                "immersion",
                new LinkedHashMap<>(Map.of(
                        "pue",
                        new BigDecimal("1.05"),
                        "itPowerReduction",
                        new BigDecimal("0.1"),
                        "capexPerKw",
                        new BigDecimal("3500"),
                        "coolantCostPerKw",
                        new BigDecimal("400"),
                        "maintenancePerKwYear",
                        new BigDecimal("80"))));
        return m;
    }

    /**
     * 100 kW at full utilization and 0.10/kWh with no escalation: air (PUE 2) spends 175,200 a year, immersion
     * (PUE 1) 87,600, so immersion saves 87,600 a year; its extra 438/kW up front (43,800) pays back in 0.5 years.
     */
    static Map<String, Object> halfYearPayback() {
        Map<String, Object> m = base();
        m = with(m, "itLoadKw", "100");
        m = with(m, "utilization", "1");
        m = with(m, "electricity.pricePerKwh", "0.10");
        m = with(m, "electricity.annualEscalation", "0");
        m = with(m, "air.pue", "2");
        m = with(m, "air.capexPerKw", "0");
        m = with(m, "air.maintenancePerKwYear", "0");
        m = with(m, "immersion.pue", "1");
        m = with(m, "immersion.itPowerReduction", "0");
        m = with(m, "immersion.capexPerKw", "438");
        m = with(m, "immersion.coolantCostPerKw", "0");
        return with(m, "immersion.maintenancePerKwYear", "0");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> with(Map<String, Object> m, String path, Object value) {
        Map<String, Object> copy = deepCopy(m);
        String[] parts = path.split("\\.");
        Map<String, Object> target = copy;
        for (int i = 0; i < parts.length - 1; i++) {
            target = (Map<String, Object>) target.get(parts[i]);
        }
        target.put(
                parts[parts.length - 1],
                value instanceof String s && !path.equals("currency") ? new BigDecimal(s) : value);
        return copy;
    }

    static Map<String, Object> without(Map<String, Object> m, String key) {
        Map<String, Object> copy = deepCopy(m);
        copy.remove(key);
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> m) {
        Map<String, Object> copy = new LinkedHashMap<>();
        m.forEach((k, v) -> copy.put(k, v instanceof Map<?, ?> inner ? deepCopy((Map<String, Object>) inner) : v));
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static ReferenceModel.Case toCase(Map<String, Object> r) {
        Map<String, Object> el = (Map<String, Object>) r.get("electricity");
        Map<String, Object> air = (Map<String, Object>) r.get("air");
        Map<String, Object> imm = (Map<String, Object>) r.get("immersion");
        return new ReferenceModel.Case(
                ((Number) r.get("analysisYears")).intValue(),
                dec(r.get("discountRate")),
                dec(el.get("pricePerKwh")),
                dec(el.get("annualEscalation")),
                dec(r.get("itLoadKw")),
                dec(r.get("utilization")),
                r.get("gridKgCo2PerKwh") == null ? null : dec(r.get("gridKgCo2PerKwh")),
                new ReferenceModel.Option(
                        dec(air.get("pue")),
                        BigDecimal.ZERO,
                        dec(air.get("capexPerKw")),
                        BigDecimal.ZERO,
                        dec(air.get("maintenancePerKwYear"))),
                new ReferenceModel.Option(
                        dec(imm.get("pue")),
                        dec(imm.get("itPowerReduction")),
                        dec(imm.get("capexPerKw")),
                        dec(imm.get("coolantCostPerKw")),
                        dec(imm.get("maintenancePerKwYear"))));
    }

    private static BigDecimal dec(Object o) {
        return o instanceof BigDecimal b ? b : new BigDecimal(o.toString());
    }
}
