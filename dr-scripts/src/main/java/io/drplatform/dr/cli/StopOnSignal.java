package io.drplatform.dr.cli;

import io.drplatform.dr.engine.DrillEngine;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * While a run is going, SIGINT and SIGTERM (Ctrl-C, a CI job's timeout or cancel) stop it as a firing alarm would:
 * the running step is interrupted, what can be rolled back is, and the report records the run as ABORTED with what
 * was left; the process then exits {@link ExitCode#ABORTED}. A shutdown hook has little time (a CI runner sends
 * SIGKILL seconds after SIGTERM), so the rollback gets {@link #ROLLBACK_BUDGET} and the hook waits only a little
 * longer for the report; if that is not enough it prints the steps still to undo before the JVM goes.
 */
final class StopOnSignal implements AutoCloseable {
    /** Restoring a region's ECS desired counts is one call per service: well inside this. */
    static final Duration ROLLBACK_BUDGET = Duration.ofSeconds(6);
    /** Writing the report and printing the verdict, after the rollback. */
    static final Duration REPORT_MARGIN = Duration.ofSeconds(3);

    private final DrillEngine engine;
    private final PrintStream out;
    private final CountDownLatch reported = new CountDownLatch(1);
    private final Thread hook;
    private volatile int exitCode = ExitCode.ABORTED;
    private volatile boolean signalled;

    private StopOnSignal(DrillEngine engine, PrintStream out) {
        this.engine = engine;
        this.out = out;
        this.hook = new Thread(this::onSignal, "dr-stop-on-signal");
    }

    static StopOnSignal install(DrillEngine engine, PrintStream out) {
        StopOnSignal stop = new StopOnSignal(engine, out);
        Runtime.getRuntime().addShutdownHook(stop.hook);
        return stop;
    }

    /** The report is written and the verdict printed: the exit code a stopped process leaves with. */
    void reported(int code) {
        exitCode = code;
    }

    private void onSignal() {
        signalled = true;
        out.println();
        out.println("dr: stopped by a signal: rolling back (at most " + ROLLBACK_BUDGET.toSeconds()
                + " s), then writing the report");
        engine.stop("stopped by a signal (SIGINT or SIGTERM)", ROLLBACK_BUDGET);
        boolean done;
        try {
            done = reported.await(ROLLBACK_BUDGET.plus(REPORT_MARGIN).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            done = false;
        }
        if (!done) {
            System.err.println("dr: exiting before the run finished and its report was written; not rolled back: "
                    + String.join("; ", engine.notRolledBack()));
            System.err.flush();
            return;
        }
        out.flush();
        System.err.flush();
        // The JVM would exit 128+signal; the run's own code (ABORTED) tells a script what happened.
        Runtime.getRuntime().halt(exitCode);
    }

    @Override
    public void close() {
        reported.countDown();
        if (!signalled) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // A signal arrived just now: the hook runs and finds the run reported.
            }
        }
    }
}
