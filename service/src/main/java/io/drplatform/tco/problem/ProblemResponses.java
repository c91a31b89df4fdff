package io.drplatform.tco.problem;

import io.drplatform.tco.calculator.FieldError;
import io.drplatform.tco.web.Json;
import io.drplatform.tco.web.RequestIdFilter;
import java.time.Duration;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Writes problem+json directly to the response; used by the exception handler and the security entry points. */
public final class ProblemResponses {

    private ProblemResponses() {}

    public static Mono<Void> write(
            ServerWebExchange exchange, ProblemType type, String detail, List<FieldError> errors, Duration retryAfter) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        Problem problem = new Problem(
                type.uri().toString(),
                type.title(),
                type.status().value(),
                detail,
                exchange.getRequest().getPath().value(),
                exchange.getAttribute(RequestIdFilter.ATTRIBUTE),
                exchange.getAttribute(RequestIdFilter.TRACE_ATTRIBUTE),
                errors == null || errors.isEmpty() ? null : errors);
        response.setStatusCode(type.status());
        HttpHeaders headers = response.getHeaders();
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        headers.remove(HttpHeaders.CONTENT_LENGTH);
        if (retryAfter != null) {
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())));
        }
        if (type == ProblemType.UNAUTHORIZED && !headers.containsHeader(HttpHeaders.WWW_AUTHENTICATE)) {
            headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        byte[] body = Json.write(problem);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
