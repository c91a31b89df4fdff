package io.drplatform.tco.calculator;

import java.util.List;

/** Thrown with every invalid field at once, so a client can fix its request in one round trip. */
public class InvalidInputException extends RuntimeException {
    private final transient List<FieldError> errors;

    public InvalidInputException(List<FieldError> errors) {
        super("invalid fields: " + errors.size(), null, false, false);
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
