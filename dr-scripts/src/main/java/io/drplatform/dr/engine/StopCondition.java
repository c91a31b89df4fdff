package io.drplatform.dr.engine;

import java.util.List;

/**
 * A guard checked before every step and inside every wait, as fault-injection tools do: when it reports a
 * firing alarm the drill stops and rolls back what it can.
 */
@FunctionalInterface
public interface StopCondition {
    /** Names of the alarms currently firing; empty when the drill may go on. */
    List<String> firing() throws Exception;

    StopCondition NONE = List::of;
}
