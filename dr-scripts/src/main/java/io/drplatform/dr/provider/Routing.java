package io.drplatform.dr.provider;

import io.drplatform.dr.engine.Operation;

/** Which region answers the application's name. */
public interface Routing {

    /** Moves traffic to {@code to} and waits until the routing answers with it; marks DETECTION and ROUTING_SWITCH. */
    Operation switchRouting(String from, String to);
}
