package io.drplatform.dr.engine;

import java.io.PrintStream;
import java.util.Locale;

/** Live progress lines on the terminal: elapsed time since the drill started, step, message. */
public final class Progress {
    private final PrintStream out;
    private final long startNanos;

    public Progress(PrintStream out) {
        this.out = out;
        this.startNanos = System.nanoTime();
    }

    public double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    public synchronized void line(String step, String message) {
        out.printf(Locale.ROOT, "[%7.1fs] %-28s %s%n", elapsedSeconds(), step, message);
        out.flush();
    }
}
