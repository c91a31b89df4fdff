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
            commandLine.getErr().println("dr: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            if (System.getenv("DR_DEBUG") != null) {
                ex.printStackTrace(commandLine.getErr());
            }
            return ex instanceof IllegalArgumentException ? 2 : 1;
        });
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
