package io.drplatform.dr.provider;

import io.drplatform.dr.engine.StepContext;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Proof that a replica replayed everything its source wrote, from the databases' own WAL positions: the source's
 * {@code pg_current_wal_lsn()} must stop moving (writes are fenced) and the replica's
 * {@code pg_last_wal_replay_lsn()} must reach it. A planned switchover promotes only after this, so it loses nothing.
 */
public final class WalCatchUp {
    /** Opens a connection to one region's database. */
    @FunctionalInterface
    public interface Databases {
        Connection open(String region) throws SQLException;
    }

    private final Databases databases;
    private final Duration replayDeadline;
    private final Duration quietDeadline;
    private final Duration settle;
    private final Duration poll;

    /**
     * @param settle how long the source's position must stay put to count as quiet
     * @param poll   between reads of the replica's replay position (each read is a new connection)
     */
    public WalCatchUp(
            Databases databases, Duration replayDeadline, Duration quietDeadline, Duration settle, Duration poll) {
        this.databases = databases;
        this.replayDeadline = replayDeadline;
        this.quietDeadline = quietDeadline;
        this.settle = settle;
        this.poll = poll;
    }

    /** Loopback figures: replay within 30 s, WAL quiet within 60 s, 300 ms settle, 50 ms polls. */
    public static WalCatchUp local(Databases databases) {
        return new WalCatchUp(
                databases,
                Duration.ofSeconds(30),
                Duration.ofSeconds(60),
                Duration.ofMillis(300),
                Duration.ofMillis(50));
    }

    /** @return a line for the report naming the position replayed */
    public String await(String from, String to, StepContext context) throws SQLException, InterruptedException {
        // Writes may still be in flight when the fence goes up: wait until the source's WAL position is stable
        // and the target has replayed up to it.
        long deadline = System.nanoTime() + quietDeadline.toNanos();
        while (System.nanoTime() < deadline) {
            String lsn = currentLsn(from);
            boolean replayed =
                    context.await("replay of " + lsn + " in " + to, replayDeadline, poll, () -> replayedUpTo(to, lsn));
            if (!replayed) {
                throw new IllegalStateException(
                        to + " did not replay up to " + lsn + " within " + replayDeadline.toSeconds() + " s");
            }
            Thread.sleep(settle.toMillis());
            if (lsn.equals(currentLsn(from))) {
                return to + " replayed everything up to " + lsn;
            }
        }
        throw new IllegalStateException(
                from + " kept writing WAL after the fence for " + quietDeadline.toSeconds() + " s");
    }

    public static java.util.List<String> plan(String from, String to) {
        return java.util.List.of(
                "SELECT pg_current_wal_lsn() on " + from + " until it stops moving",
                "SELECT pg_last_wal_replay_lsn() on " + to + " until it reaches it");
    }

    private String currentLsn(String region) throws SQLException {
        try (Connection c = databases.open(region);
                ResultSet rs = c.createStatement().executeQuery("SELECT pg_current_wal_lsn()::text")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private boolean replayedUpTo(String region, String lsn) {
        try (Connection c = databases.open(region);
                var st = c.prepareStatement("SELECT pg_wal_lsn_diff(pg_last_wal_replay_lsn(), ?::pg_lsn) >= 0")) {
            st.setString(1, lsn);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        } catch (SQLException e) {
            return false;
        }
    }
}
