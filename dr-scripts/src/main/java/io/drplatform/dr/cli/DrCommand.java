package io.drplatform.dr.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code dr}: the DR command-line tool for on-call. */
@Command(
        name = "dr",
        mixinStandardHelpOptions = true,
        version = "dr 0.1.0",
        description =
                "Disaster-recovery status, measured drills, failover and failback, on AWS or on a local region pair.",
        subcommands = {
            StatusCommand.class,
            HistoryCommand.class,
            DrillCommand.class,
            FailoverCommand.class,
            FailbackCommand.class,
            LocalCommand.class,
            CommandLine.HelpCommand.class
        })
public class DrCommand implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new DrCommand());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            boolean usage = ex instanceof IllegalArgumentException || ex instanceof Refusal;
            String message = ex.getMessage() == null ? ex.toString() : ex.getMessage();
            // An error outside the steps says nothing about the environment: its own code, never "at risk" (1).
            commandLine.getErr().println("dr: " + (usage ? message : "could not complete: " + describe(ex, message)));
            if (System.getenv("DR_DEBUG") != null) {
                ex.printStackTrace(commandLine.getErr());
            }
            return usage ? ExitCode.USAGE : ExitCode.ERROR;
        });
        return cl;
    }

    /** JDK exceptions carry their meaning in the message; for others (SDK errors) the type names the service. */
    private static String describe(Exception ex, String message) {
        return ex.getClass().getName().startsWith("java.")
                ? message
                : ex.getClass().getSimpleName() + ": " + message;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
