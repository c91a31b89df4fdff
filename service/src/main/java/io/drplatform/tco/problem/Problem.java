package io.drplatform.tco.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.drplatform.tco.calculator.FieldError;
import java.util.List;

/** An RFC 9457 problem document; {@code errors} lists invalid fields, {@code requestId} helps support. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        String requestId,
        List<FieldError> errors) {}
