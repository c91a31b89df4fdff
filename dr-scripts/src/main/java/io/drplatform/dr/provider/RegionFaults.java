package io.drplatform.dr.provider;

import io.drplatform.dr.engine.Operation;

/** A drill's fault: what makes a healthy region fail as an outage would, and undoing it when the drill aborts. */
public interface RegionFaults {

    /** Fences the region so it refuses writes and takes it down (AWS: its compute; locally: its database too). */
    Operation inject(String region);

    /** Undoes {@link #inject} when a drill aborts before promotion. */
    Operation recover(String region);
}
