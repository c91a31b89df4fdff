package io.drplatform.dr.measure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The heartbeat writer's own journal of writes the application acknowledged, kept outside the database (a file
 * next to the report), so data loss is counted against what clients were told, not against what survived.
 */
public final class AcknowledgedWrites implements AutoCloseable {

    /** One acknowledged write: its sequence number, the id the application returned, when it was sent and acked. */
    public record Ack(long sequence, String id, Instant sentAt, Instant acknowledgedAt) {}

    private final List<Ack> acks = new ArrayList<>();
    private final Writer journal;

    public AcknowledgedWrites(Path journalFile) {
        try {
            Files.createDirectories(journalFile.toAbsolutePath().getParent());
            this.journal = Files.newBufferedWriter(
                    journalFile,
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized void record(long sequence, String id, Instant sentAt, Instant at) {
        acks.add(new Ack(sequence, id, sentAt, at));
        try {
            journal.write(sequence + "\t" + id + "\t" + sentAt + "\t" + at + "\n");
            journal.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized List<Ack> all() {
        return List.copyOf(acks);
    }

    public synchronized List<Ack> sentBefore(Instant instant) {
        return acks.stream().filter(a -> a.sentAt().isBefore(instant)).toList();
    }

    public synchronized int size() {
        return acks.size();
    }

    @Override
    public synchronized void close() {
        try {
            journal.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
