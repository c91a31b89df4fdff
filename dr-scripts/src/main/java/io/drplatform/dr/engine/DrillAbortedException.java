package io.drplatform.dr.engine;

/** Thrown inside a step when a stop condition fires; the engine rolls back and marks the drill ABORTED. */
public class DrillAbortedException extends RuntimeException {
    public DrillAbortedException(String message) {
        super(message);
    }
}
