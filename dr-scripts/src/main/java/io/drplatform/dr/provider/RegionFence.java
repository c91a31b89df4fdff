package io.drplatform.dr.provider;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The reference service's failover fence (issue 5, service migration V2): one row in {@code region_fence} naming
 * the region allowed to write. The failover sets it on the promoted database, bumping the epoch; an instance whose
 * region is not the named one refuses writes, checked in the same statement as the write. Both providers write
 * it: locally on loopback, on AWS through the credentials in Secrets Manager.
 */
public final class RegionFence {
    private RegionFence() {
    }

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
        try (PreparedStatement st = c.prepareStatement("INSERT INTO region_fence (id, active_region, epoch) VALUES (1, ?, 1)"
                + " ON CONFLICT (id) DO UPDATE SET active_region = EXCLUDED.active_region, epoch = region_fence.epoch + 1,"
                + " updated_at = now() RETURNING epoch")) {
            st.setString(1, activeRegion);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
