package io.drplatform.tco.problem;

import io.drplatform.tco.calculator.InvalidInputException;
import io.drplatform.tco.web.BodyLimitFilter;
import io.drplatform.tco.web.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * The single place where exceptions become HTTP answers. It runs before Spring Boot's error handler, so no error
 * page or stack trace can leak, and anything unexpected is a plain 500 problem with only the request id.
 */
@Component
@Order(-2)
public class ProblemExceptionHandler implements WebExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        Throwable root = unwrap(ex);
        if (root instanceof InvalidInputException e) {
            return ProblemResponses.write(
                    exchange, ProblemType.VALIDATION, "one or more fields are invalid", e.errors(), null);
        }
        if (root instanceof ApiException e) {
            return ProblemResponses.write(exchange, e.type(), e.getMessage(), null, e.retryAfter());
        }
        if (root instanceof Json.MalformedJsonException e) {
            return ProblemResponses.write(exchange, ProblemType.MALFORMED, e.getMessage(), null, null);
        }
        if (root instanceof BodyLimitFilter.TooLargeException || root instanceof DataBufferLimitException) {
            return ProblemResponses.write(
                    exchange,
                    ProblemType.PAYLOAD_TOO_LARGE,
                    "the request body exceeds " + BodyLimitFilter.MAX_BYTES + " bytes",
                    null,
                    null);
        }
        if (root instanceof AuthenticationException) {
            return ProblemResponses.write(
                    exchange, ProblemType.UNAUTHORIZED, "a valid bearer token is required", null, null);
        }
        if (root instanceof AccessDeniedException) {
            return ProblemResponses.write(exchange, ProblemType.FORBIDDEN, "access denied", null, null);
        }
        if (root instanceof UnsupportedMediaTypeStatusException) {
            return ProblemResponses.write(
                    exchange,
                    ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "the request body must be application/json",
                    null,
                    null);
        }
        if (root instanceof MethodNotAllowedException) {
            return ProblemResponses.write(
                    exchange, ProblemType.METHOD_NOT_ALLOWED, "the method is not allowed on this resource", null, null);
        }
        if (root instanceof NotAcceptableStatusException) {
            return ProblemResponses.write(
                    exchange, ProblemType.NOT_ACCEPTABLE, "no acceptable representation", null, null);
        }
        if (root instanceof ServerWebInputException || root instanceof DecodingException) {
            return ProblemResponses.write(exchange, ProblemType.MALFORMED, "the request could not be read", null, null);
        }
        if (root instanceof ResponseStatusException e) {
            int status = e.getStatusCode().value();
            if (status == 404) {
                return ProblemResponses.write(exchange, ProblemType.NOT_FOUND, "no such resource", null, null);
            }
            if (status == 413) {
                return ProblemResponses.write(
                        exchange, ProblemType.PAYLOAD_TOO_LARGE, "the request body is too large", null, null);
            }
            if (status >= 400 && status < 500) {
                return ProblemResponses.write(
                        exchange, ProblemType.MALFORMED, "the request could not be processed", null, null);
            }
        }
        log.error(
                "unhandled error on {} {}",
                exchange.getRequest().getMethod(),
                exchange.getRequest().getPath(),
                ex);
        return ProblemResponses.write(exchange, ProblemType.INTERNAL, "an internal error occurred", null, null);
    }

    private static Throwable unwrap(Throwable ex) {
        Throwable t = ex;
        // Decoding errors wrap our own exceptions; look through a few layers but never loop.
        for (int i = 0;
                i < 5
                        && t.getCause() != null
                        && !(t instanceof ApiException)
                        && !(t instanceof InvalidInputException)
                        && !(t instanceof BodyLimitFilter.TooLargeException);
                i++) {
            Throwable c = t.getCause();
            if (c instanceof ApiException
                    || c instanceof InvalidInputException
                    || c instanceof Json.MalformedJsonException
                    || c instanceof BodyLimitFilter.TooLargeException
                    || c instanceof DataBufferLimitException) {
                return c;
            }
            t = c;
        }
        return ex;
    }
}
