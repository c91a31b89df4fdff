package io.drplatform.tco.calculator;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Turns a JSON tree into a {@link TcoInput}, collecting every problem instead of stopping at the first one.
 * Parsing from a tree (rather than data binding) is what lets the 400 response name all invalid paths,
 * including type mismatches and unknown fields, at once.
 */
public final class TcoInputParser {

    /**
     * Implementation guard on top of the field ranges: numbers beyond this magnitude or with more fractional digits are
     * rejected, so that a short input like 1e999999 cannot make rounding allocate a million-digit number.
     */
    static final BigDecimal MAX_MAGNITUDE = new BigDecimal("1e15");

    static final int MAX_FRACTION_DIGITS = 18;

    private static final Set<String> TOP = Set.of(
            "currency",
            "analysisYears",
            "discountRate",
            "electricity",
            "itLoadKw",
            "utilization",
            "gridKgCo2PerKwh",
            "air",
            "immersion");
    private static final Set<String> ELECTRICITY = Set.of("pricePerKwh", "annualEscalation");
    private static final Set<String> AIR = Set.of("pue", "capexPerKw", "maintenancePerKwYear");
    private static final Set<String> IMMERSION =
            Set.of("pue", "itPowerReduction", "capexPerKw", "coolantCostPerKw", "maintenancePerKwYear");

    private final List<FieldError> errors = new ArrayList<>();

    private TcoInputParser() {}

    public static TcoInput parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new InvalidInputException(List.of(new FieldError("", "the body must be a JSON object")));
        }
        return new TcoInputParser().parseRoot(root);
    }

    private TcoInput parseRoot(JsonNode root) {
        unknown(root, TOP, "");
        String currency = currency(root.get("currency"));
        Integer years = integer(root.get("analysisYears"), "analysisYears", 1, 30);
        BigDecimal discountRate = number(root, "discountRate", "", Range.closed("0", "0.5"), true);
        JsonNode el = object(root, "electricity");
        BigDecimal price = null;
        BigDecimal escalation = null;
        if (el != null) {
            unknown(el, ELECTRICITY, "electricity.");
            price = number(el, "pricePerKwh", "electricity.", Range.openClosed("0", "10"), true);
            escalation = number(el, "annualEscalation", "electricity.", Range.closed("-0.5", "0.5"), true);
        }
        BigDecimal load = number(root, "itLoadKw", "", Range.openClosed("0", "1000000"), true);
        BigDecimal utilization = number(root, "utilization", "", Range.openClosed("0", "1"), true);
        BigDecimal grid = number(root, "gridKgCo2PerKwh", "", Range.atLeast("0"), false);

        JsonNode air = object(root, "air");
        TcoInput.AirCooling airInput = null;
        if (air != null) {
            unknown(air, AIR, "air.");
            airInput = new TcoInput.AirCooling(
                    number(air, "pue", "air.", Range.closed("1.0", "3.0"), true),
                    number(air, "capexPerKw", "air.", Range.atLeast("0"), true),
                    number(air, "maintenancePerKwYear", "air.", Range.atLeast("0"), true));
        }
        JsonNode imm = object(root, "immersion");
        TcoInput.ImmersionCooling immInput = null;
        if (imm != null) {
            unknown(imm, IMMERSION, "immersion.");
            immInput = new TcoInput.ImmersionCooling(
                    number(imm, "pue", "immersion.", Range.closed("1.0", "2.0"), true),
                    number(imm, "itPowerReduction", "immersion.", Range.closed("0", "0.3"), true),
                    number(imm, "capexPerKw", "immersion.", Range.atLeast("0"), true),
                    number(imm, "coolantCostPerKw", "immersion.", Range.atLeast("0"), true),
                    number(imm, "maintenancePerKwYear", "immersion.", Range.atLeast("0"), true));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new TcoInput(
                currency,
                years,
                discountRate,
                new TcoInput.Electricity(price, escalation),
                load,
                utilization,
                grid,
                airInput,
                immInput);
    }

    private void unknown(JsonNode node, Set<String> known, String prefix) {
        for (String name : node.propertyNames()) {
            if (!known.contains(name)) {
                errors.add(new FieldError(prefix + name, "unknown field"));
            }
        }
    }

    private JsonNode object(JsonNode parent, String name) {
        JsonNode n = parent.get(name);
        if (n == null || n.isNull()) {
            errors.add(new FieldError(name, "is required"));
            return null;
        }
        if (!n.isObject()) {
            errors.add(new FieldError(name, "must be an object"));
            return null;
        }
        return n;
    }

    private String currency(JsonNode n) {
        if (n == null || n.isNull()) {
            errors.add(new FieldError("currency", "is required"));
            return null;
        }
        if (!n.isString() || !n.stringValue().matches("[A-Z]{3}")) {
            errors.add(new FieldError("currency", "must be an ISO 4217 code of three upper-case letters"));
            return null;
        }
        String code = n.stringValue();
        try {
            Currency c = Currency.getInstance(code);
            if (c.getDefaultFractionDigits() < 0) {
                // Pseudo-currencies such as XAU have no minor unit to round money to.
                errors.add(new FieldError("currency", "must be a currency with minor units, not a pseudo-currency"));
                return null;
            }
            return code;
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("currency", "is not a known ISO 4217 currency"));
            return null;
        }
    }

    private Integer integer(JsonNode n, String path, int min, int max) {
        if (n == null || n.isNull()) {
            errors.add(new FieldError(path, "is required"));
            return null;
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt() || n.intValue() < min || n.intValue() > max) {
            errors.add(new FieldError(path, "must be an integer from " + min + " to " + max));
            return null;
        }
        return n.intValue();
    }

    private BigDecimal number(JsonNode parent, String name, String prefix, Range range, boolean required) {
        String path = prefix + name;
        JsonNode n = parent.get(name);
        if (n == null || n.isNull()) {
            if (required) {
                errors.add(new FieldError(path, "is required"));
            }
            return null;
        }
        if (!n.isNumber()) {
            errors.add(new FieldError(path, "must be a number"));
            return null;
        }
        BigDecimal v = n.decimalValue();
        if (v.abs().compareTo(MAX_MAGNITUDE) > 0 || v.stripTrailingZeros().scale() > MAX_FRACTION_DIGITS) {
            errors.add(new FieldError(
                    path, "must have at most 15 integer and " + MAX_FRACTION_DIGITS + " fractional digits"));
            return null;
        }
        if (!range.contains(v)) {
            errors.add(new FieldError(path, "must be " + range.describe()));
            return null;
        }
        // A negative scale (1E+3) would print in exponent form; store and echo the plain value.
        return v.scale() < 0 ? v.setScale(0) : v;
    }

    /** A numeric interval with open or closed ends; a null bound is unbounded. */
    record Range(BigDecimal min, boolean minOpen, BigDecimal max, boolean maxOpen) {
        static Range closed(String min, String max) {
            return new Range(new BigDecimal(min), false, new BigDecimal(max), false);
        }

        static Range openClosed(String min, String max) {
            return new Range(new BigDecimal(min), true, new BigDecimal(max), false);
        }

        static Range atLeast(String min) {
            return new Range(new BigDecimal(min), false, null, false);
        }

        boolean contains(BigDecimal v) {
            int lo = v.compareTo(min);
            if (lo < 0 || (minOpen && lo == 0)) {
                return false;
            }
            if (max == null) {
                return true;
            }
            int hi = v.compareTo(max);
            return hi < 0 || (!maxOpen && hi == 0);
        }

        String describe() {
            String low = (minOpen ? "> " : ">= ") + min.toPlainString();
            return max == null ? low : low + " and " + (maxOpen ? "< " : "<= ") + max.toPlainString();
        }
    }
}
