package io.drplatform.dr.engine;

/** What a step does; returns a one-line detail for the report. */
@FunctionalInterface
public interface StepAction {
    String run(StepContext context) throws Exception;
}
