package io.drplatform.tco.web;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler.TracingContext;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.server.ServerWebExchange;

/**
 * The trace id of a request: that of the span Micrometer Tracing opened for the HTTP server observation, which
 * WebFlux starts before any filter runs. Every request has one, sampled or not (an unsampled span still carries
 * its trace id, so logs and problem documents correlate at any sampling rate); null only when no tracer is
 * configured.
 */
final class TraceIds {
    private TraceIds() {}

    static String of(ServerWebExchange exchange) {
        return ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .map(context -> context.<TracingContext>get(TracingContext.class))
                .map(TracingContext::getSpan)
                .map(Span::context)
                .map(context -> context.traceId())
                .filter(id -> !id.isEmpty())
                .orElse(null);
    }
}
