package io.drplatform.dr.cli;

/** The tool declines to act (a safety rail), before anything changed: {@link ExitCode#USAGE}. */
final class Refusal extends RuntimeException {
    Refusal(String message) {
        super(message);
    }
}
