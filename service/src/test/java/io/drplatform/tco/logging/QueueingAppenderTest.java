package io.drplatform.tco.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The queue in front of the console: bounded without waiting, loss reported, everything queued written on stop. */
class QueueingAppenderTest {
    private final LoggerContext context = new LoggerContext();
    private final CountDownLatch writing = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<String> written = new CopyOnWriteArrayList<>();

    /** Stands for stdout: stalls on the first event until released, as a stalled log driver would. */
    private final AppenderBase<ILoggingEvent> console = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            writing.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            written.add(event.getLevel() + " " + event.getFormattedMessage());
        }
    };

    @Test
    void aFullQueueDropsWithoutWaitingSaysHowManyAndStopWritesTheRest() throws InterruptedException {
        context.setMDCAdapter(new LogbackMDCAdapter());
        console.setContext(context);
        console.start();
        QueueingAppender queue = new QueueingAppender(console, 10, 5000);
        queue.setContext(context);
        queue.setName("test");
        queue.start();

        queue.doAppend(event("line 0"));
        assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue(); // the worker is stuck writing line 0
        long start = System.nanoTime();
        for (int i = 1; i <= 14; i++) {
            queue.doAppend(event("line " + i));
        }
        assertThat(System.nanoTime() - start)
                .as("appending to a full queue does not wait")
                .isLessThan(TimeUnit.SECONDS.toNanos(1));

        release.countDown();
        queue.stop();

        assertThat(written)
                .containsExactly(
                        "INFO line 0",
                        "WARN 4 log events dropped: the log output was slower than the service for 10 events",
                        "INFO line 1",
                        "INFO line 2",
                        "INFO line 3",
                        "INFO line 4",
                        "INFO line 5",
                        "INFO line 6",
                        "INFO line 7",
                        "INFO line 8",
                        "INFO line 9",
                        "INFO line 10");
        assertThat(console.isStarted()).isFalse();
    }

    private LoggingEvent event(String message) {
        return new LoggingEvent(
                QueueingAppenderTest.class.getName(), context.getLogger("test"), Level.INFO, message, null, null);
    }
}
