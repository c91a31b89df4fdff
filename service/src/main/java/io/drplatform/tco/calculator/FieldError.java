package io.drplatform.tco.calculator;

/** One invalid field of a request: its dotted path (e.g. {@code electricity.pricePerKwh}) and why. */
public record FieldError(String field, String reason) {}
