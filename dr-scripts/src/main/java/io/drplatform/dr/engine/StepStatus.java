package io.drplatform.dr.engine;

public enum StepStatus {
    SUCCEEDED,
    FAILED,
    ABORTED,
    SKIPPED,
    ROLLED_BACK,
    ROLLBACK_FAILED,
    DRY_RUN
}
