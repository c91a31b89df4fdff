package io.drplatform.manifest.validation;

/**
 * Receives a problem at a JSON pointer into the deployment tree. Rules report through it and never throw, so one run
 * finds every problem.
 */
@FunctionalInterface
public interface ProblemReport {
    void problem(String pointer, String message, String suggestion);

    /**
     * Two values that contradict each other: reported at whichever one an environment override set, or at the one the
     * manifest set where the other is a platform default.
     */
    default void conflict(String pointer, String otherPointer, String message, String suggestion) {
        problem(pointer, message, suggestion);
    }
}
