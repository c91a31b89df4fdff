package io.drplatform.tco.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * Puts Spring Boot's console appender behind a {@link QueueingAppender} as soon as Boot has configured logging, so
 * that a thread that logs (an event loop writing a request's access line above all) only hands the event to a
 * lock-free queue; one worker thread encodes it (ECS JSON or the pattern) and writes it to stdout.
 *
 * <ul>
 *   <li>A full queue drops the event rather than make the caller wait. Waiting would turn a slow log destination
 *       (a stalled log driver) into stalled event loops: every connection they serve stops, health checks time out
 *       and the task is replaced. The queue ({@value #QUEUE_SIZE} events, a second or more of access lines at the
 *       rates this service reaches) only fills when stdout stalls for about as long, and the worker then logs how
 *       many were dropped. Logback's AsyncAppender with {@code neverBlock=true} would drop the same way, but it
 *       locks its queue on every event (see {@link QueueingAppender}); with {@code neverBlock=false} it would park
 *       the event loop on a full queue.</li>
 *   <li>No line is lost on a graceful shutdown: Boot's logging shutdown hook runs after the application context has
 *       closed, that is after in-flight requests have finished and queued their access lines, and stops the logger
 *       context; stopping the queueing appender writes what is queued, for at most {@value #MAX_FLUSH_MILLIS}
 *       ms.</li>
 * </ul>
 *
 * Registered in {@code META-INF/spring.factories}; runs right after {@link LoggingApplicationListener}. When Boot's
 * logging was configured otherwise (no appender named {@code CONSOLE}) or is already wrapped, it does nothing.
 */
public class AsyncConsoleLogging implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {
    static final int QUEUE_SIZE = 8192;
    static final int MAX_FLUSH_MILLIS = 5000;
    private static final String CONSOLE = "CONSOLE";

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        Appender<ILoggingEvent> console = root.getAppender(CONSOLE);
        if (console == null) {
            return;
        }
        QueueingAppender async = new QueueingAppender(console, QUEUE_SIZE, MAX_FLUSH_MILLIS);
        async.setContext(context);
        async.setName("ASYNC_" + CONSOLE);
        async.start();
        root.addAppender(async);
        root.detachAppender(console);
    }

    @Override
    public int getOrder() {
        return LoggingApplicationListener.DEFAULT_ORDER + 1;
    }
}
