package io.drplatform.dr.provider;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The reference service's failover fence (its migration {@code V2__region_fence.sql}): one row in {@code region_fence} naming
 * the region allowed to write. The failover sets it on the promoted database, bumping the epoch; an instance whose
 * region is not the named one refuses writes, checked in the same statement as the write. Both providers write
 * it: locally on loopback, on AWS through the credentials in Secrets Manager.
 */
public final class RegionFence {
    private RegionFence() {}

    public static boolean supported(Connection c) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery("SELECT to_regclass('region_fence') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** The region the fence names, or null when no fence is set. */
    public static String activeRegion(Connection c) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery("SELECT active_region FROM region_fence WHERE id = 1")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** @return the new epoch */
    public static long set(Connection c, String activeRegion) throws SQLException {
        try (PreparedStatement st =
                c.prepareStatement("INSERT INTO region_fence (id, active_region, epoch) VALUES (1, ?, 1)"
                        + " ON CONFLICT (id) DO UPDATE SET active_region = EXCLUDED.active_region, epoch = region_fence.epoch + 1,"
                        + " updated_at = now() RETURNING epoch")) {
            st.setString(1, activeRegion);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Is the database writable (a primary, not in recovery)? */
    public static boolean writable(Connection c) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery("SELECT NOT pg_is_in_recovery()")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /**
     * Lets the region write again where the fence names another region and the region's database is the writable
     * one; a replica's fence stays as it is (it refuses writes anyway). Both providers lift a fence this way.
     *
     * @return what happened, as {@code "; ..."} for a step's detail, or {@code ""} when there was nothing to lift
     */
    public static String lift(Connection c, String region) throws SQLException {
        if (!supported(c)) {
            return "";
        }
        String named = activeRegion(c);
        if (named == null || named.equals(region)) {
            return "";
        }
        if (!writable(c)) {
            return "; region_fence names " + named + " but " + region + "'s database is a replica: left as is";
        }
        return "; region_fence set to " + region + " (epoch " + set(c, region) + ")";
    }
}
