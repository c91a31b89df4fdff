package io.drplatform.tco.resilience;

import io.drplatform.tco.problem.ApiException;
import io.drplatform.tco.problem.ProblemType;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/** Bounds a whole API request ({@code tco.request-timeout}, 10 s); past it the answer is a 503 problem. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
public class RequestTimeoutFilter implements WebFilter {
    private final Duration timeout;

    public RequestTimeoutFilter(@Value("${tco.request-timeout:10s}") Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!exchange.getRequest().getPath().value().startsWith("/api/")) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange)
                .timeout(timeout)
                .onErrorMap(
                        TimeoutException.class,
                        e -> new ApiException(
                                ProblemType.UNAVAILABLE, "the request took too long", Duration.ofSeconds(5)));
    }
}
