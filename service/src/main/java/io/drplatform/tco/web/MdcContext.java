package io.drplatform.tco.web;

import io.micrometer.context.ContextRegistry;
import org.slf4j.MDC;

/**
 * Bridges the Reactor context key {@code requestId} to the logging MDC. With
 * {@code spring.reactor.context-propagation=auto}, Reactor restores it on whatever thread runs an operator, so
 * every log line of a request carries its id.
 */
public final class MdcContext {
    private static volatile boolean installed;

    private MdcContext() {}

    public static synchronized void install() {
        if (installed) {
            return;
        }
        ContextRegistry.getInstance()
                .registerThreadLocalAccessor(
                        RequestIdFilter.MDC_KEY,
                        () -> MDC.get(RequestIdFilter.MDC_KEY),
                        v -> MDC.put(RequestIdFilter.MDC_KEY, v),
                        () -> MDC.remove(RequestIdFilter.MDC_KEY));
        installed = true;
    }
}
