package io.drplatform.manifest.plan;

/** What a region's stack is for: the active region holds the writable database, the standby a replica. */
public enum RegionRole {
    PRIMARY,
    STANDBY;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
