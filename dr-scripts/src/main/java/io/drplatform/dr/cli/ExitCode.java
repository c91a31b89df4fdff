package io.drplatform.dr.cli;

/**
 * The tool's exit codes, one meaning each, so a script can tell a finding from a tool that could not look: "at risk"
 * (1) is an answer about the environment, "could not complete" (4) is not.
 */
public final class ExitCode {
    /** Drill or operation passed; status: nothing at risk. */
    public static final int OK = 0;
    /** Drill or operation failed (report written); status: RPO or RTO at risk. */
    public static final int FAIL = 1;
    /** Usage error, not supported by the provider, or refused (production guard, no replica): nothing was done. */
    public static final int USAGE = 2;
    /** Stopped: a stop-condition alarm, or a signal (SIGINT, SIGTERM); rolled back, report written. */
    public static final int ABORTED = 3;
    /**
     * Could not complete: an AWS or SDK error, a missing published parameter, an unreadable file, outside any drill
     * step (a failing step is a FAIL with a report). The environment's state is unknown.
     */
    public static final int ERROR = 4;

    private ExitCode() {}
}
