package io.drplatform.tco.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Hands log events to one worker thread that writes them to the wrapped appender, without any lock on the logging
 * side: a lock-free queue, a counter for its bound, and a wake-up of the worker when it is idle. Logback's own AsyncAppender takes
 * the lock of an ArrayBlockingQueue on every event (and its worker holds it while taking); on a busy machine a
 * descheduled worker then parks event loops for milliseconds, which the benchmark's profile showed.
 *
 * <p>Past {@code capacity} queued events a new event is dropped, not waited for; the worker then writes one WARN
 * line with the number dropped, so a loss is visible in the log itself. {@link #stop()} (Boot's logging shutdown
 * hook, after the application context has closed) writes everything queued, for at most {@code maxFlush}.
 */
final class QueueingAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final Appender<ILoggingEvent> target;
    private final int capacity;
    private final long maxFlushMillis;
    private final Queue<ILoggingEvent> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean draining;
    private volatile boolean idle;
    private volatile Thread worker;

    QueueingAppender(Appender<ILoggingEvent> target, int capacity, long maxFlushMillis) {
        this.target = target;
        this.capacity = capacity;
        this.maxFlushMillis = maxFlushMillis;
    }

    @Override
    public void start() {
        if (isStarted()) {
            return;
        }
        draining = true;
        Thread thread = new Thread(this::work, "log-writer-" + getName());
        thread.setDaemon(true);
        worker = thread;
        super.start();
        thread.start();
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (queued.incrementAndGet() > capacity) {
            queued.decrementAndGet();
            dropped.incrementAndGet();
            return;
        }
        event.prepareForDeferredProcessing(); // message, MDC and thread name as they are now, on this thread
        queue.offer(event);
        if (idle) { // only then: a busy worker needs no wake-up
            LockSupport.unpark(worker);
        }
    }

    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        super.stop(); // no new events from here on
        draining = false;
        Thread thread = worker;
        LockSupport.unpark(thread);
        try {
            thread.join(maxFlushMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            addWarn("gave up writing queued log events after " + maxFlushMillis + " ms");
        }
        target.stop();
    }

    private void work() {
        while (draining) {
            if (!writeNext()) {
                idle = true;
                // Idle is set before the queue is looked at again: an event offered after that look finds idle set and
                // wakes the worker; one offered before it is found by the look.
                if (queue.isEmpty() && draining) {
                    LockSupport.parkNanos(this, IDLE_PARK_NANOS);
                }
                idle = false;
            }
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxFlushMillis);
        while (System.nanoTime() < deadline && writeNext()) {
            // everything queued before stop()
        }
    }

    private boolean writeNext() {
        long lost = dropped.getAndSet(0);
        if (lost > 0) {
            target.doAppend(droppedLine(lost));
        }
        ILoggingEvent event = queue.poll();
        if (event == null) {
            return false;
        }
        queued.decrementAndGet();
        target.doAppend(event);
        return true;
    }

    private ILoggingEvent droppedLine(long lost) {
        LoggerContext context = (LoggerContext) getContext();
        return new LoggingEvent(
                QueueingAppender.class.getName(),
                context.getLogger(QueueingAppender.class),
                Level.WARN,
                lost + " log events dropped: the log output was slower than the service for " + capacity + " events",
                null,
                null);
    }
}
