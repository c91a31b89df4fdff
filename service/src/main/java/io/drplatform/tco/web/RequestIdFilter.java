package io.drplatform.tco.web;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Takes X-Request-Id from the caller (if it looks sane) or generates one, returns it, and puts it in the Reactor
 * context under the MDC key {@code requestId}; automatic context propagation copies it into MDC for every log
 * line written while serving the request. Ends each request with one access log line, which also carries the
 * request's trace id ({@code traceId}, the key Micrometer Tracing gives every other line of the request).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIdFilter implements WebFilter {
    public static final String HEADER = "X-Request-Id";
    public static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".id";
    public static final String MDC_KEY = "requestId";
    /** The request's trace id, for the problem documents; absent when no tracer is configured. */
    public static final String TRACE_ATTRIBUTE = RequestIdFilter.class.getName() + ".traceId";

    static final String TRACE_MDC_KEY = "traceId";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Logger access = LoggerFactory.getLogger("access");

    public RequestIdFilter() {
        MdcContext.install();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String given = exchange.getRequest().getHeaders().getFirst(HEADER);
        String id = given != null && SANE.matcher(given).matches() ? given : newId();
        exchange.getAttributes().put(ATTRIBUTE, id);
        exchange.getResponse().getHeaders().set(HEADER, id);
        String traceId = TraceIds.of(exchange);
        if (traceId != null) {
            exchange.getAttributes().put(TRACE_ATTRIBUTE, traceId);
        }
        long start = System.nanoTime();
        return chain.filter(exchange)
                .doFinally(signal -> {
                    if (access.isInfoEnabled()) {
                        MDC.put(MDC_KEY, id);
                        if (traceId != null) {
                            MDC.put(TRACE_MDC_KEY, traceId);
                        }
                        try {
                            var status = exchange.getResponse().getStatusCode();
                            access.info(
                                    "{} {} {} {}ms",
                                    exchange.getRequest().getMethod(),
                                    exchange.getRequest().getPath().value(),
                                    status == null ? 200 : status.value(),
                                    (System.nanoTime() - start) / 1_000_000);
                        } finally {
                            MDC.remove(MDC_KEY);
                            MDC.remove(TRACE_MDC_KEY);
                        }
                    }
                })
                .contextWrite(ctx -> ctx.put(MDC_KEY, id));
    }

    /**
     * A random (version 4) UUID from the thread's own generator. {@link UUID#randomUUID()} would serialise every
     * event loop on one SecureRandom that reads /dev/urandom; a request id only correlates log lines, it guards
     * nothing, so it needs no cryptographic strength.
     */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
