package io.drplatform.dr.measure;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Sends monotonically numbered writes through the entry point, one at a time at a fixed interval, and journals
 * every acknowledged one. One writer thread keeps the sequence strictly ordered, which is what makes "last
 * surviving vs last acknowledged" meaningful.
 */
public final class HeartbeatWriter implements AutoCloseable {
    private final EntryPoint entryPoint;
    private final AcknowledgedWrites journal;
    private final String keyPrefix;
    private final Duration interval;
    private final Duration requestTimeout;
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicReference<Instant> acceptAfter = new AtomicReference<>();
    private final AtomicReference<Instant> firstAcceptedAfter = new AtomicReference<>();
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private Consumer<Instant> onFirstAcceptedAfter = at -> {};
    private Thread thread;

    public HeartbeatWriter(
            EntryPoint entryPoint,
            AcknowledgedWrites journal,
            String keyPrefix,
            Duration interval,
            Duration requestTimeout) {
        this.entryPoint = entryPoint;
        this.journal = journal;
        this.keyPrefix = keyPrefix;
        this.interval = interval;
        this.requestTimeout = requestTimeout;
    }

    public synchronized void start() {
        if (running.getAndSet(true)) {
            return;
        }
        thread = new Thread(this::loop, "heartbeat-writer");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running.get()) {
            long seq = sequence.incrementAndGet();
            Instant sent = Instant.now();
            // The write counts from the moment it was sent only if it is acknowledged; the ack time is what we journal.
            EntryPoint.WriteResult result = entryPoint.write(keyPrefix + "-" + seq, seq, requestTimeout);
            Instant now = Instant.now();
            if (result.acknowledged()) {
                journal.record(seq, result.id(), sent, now);
                Instant after = acceptAfter.get();
                // Only a write sent after the fault proves recovery; one in flight across the fault does not.
                if (after != null && sent.isAfter(after) && firstAcceptedAfter.compareAndSet(null, now)) {
                    onFirstAcceptedAfter.accept(now);
                }
            } else {
                failures.incrementAndGet();
                lastError.set(result.error() != null ? result.error() : "HTTP " + result.status());
            }
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * From now on, report the first write acknowledged after {@code instant} (the fault): the end of the RTO.
     */
    public void watchFirstAcceptedAfter(Instant instant, Consumer<Instant> callback) {
        this.onFirstAcceptedAfter = callback;
        acceptAfter.set(instant);
    }

    public Instant firstAcceptedAfterFault() {
        return firstAcceptedAfter.get();
    }

    public long attempts() {
        return sequence.get();
    }

    public long failures() {
        return failures.get();
    }

    public String lastError() {
        return lastError.get();
    }

    public AcknowledgedWrites journal() {
        return journal;
    }

    public void stop() {
        running.set(false);
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            try {
                t.join(requestTimeout.toMillis() + interval.toMillis() + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        stop();
    }
}
