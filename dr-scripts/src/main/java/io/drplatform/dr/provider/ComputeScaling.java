package io.drplatform.dr.provider;

import io.drplatform.dr.engine.Operation;

/** The region's services. */
public interface ComputeScaling {

    /** Scales the region's services to the strategy's serving capacity (pilot light starts at zero). */
    Operation scaleUp(String region);
}
