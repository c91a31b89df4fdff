package io.drplatform.tco.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.drplatform.tco.calculator.FieldError;
import java.util.List;

/**
 * An RFC 9457 problem document; {@code errors} lists invalid fields, {@code requestId} and {@code traceId} (the
 * request's trace, found in the logs and, when sampled, in X-Ray) help support.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        String requestId,
        String traceId,
        List<FieldError> errors) {}
