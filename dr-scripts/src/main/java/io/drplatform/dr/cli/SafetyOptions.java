package io.drplatform.dr.cli;

import io.drplatform.manifest.model.EnvironmentName;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Option;

/** {@code --dry-run} and the production guard. */
public class SafetyOptions {
    @Option(names = "--dry-run", description = "print every step and API call; change nothing")
    boolean dryRun;

    @Option(names = "--allow-production", description = "required to act on production")
    boolean allowProduction;

    @Option(names = "--yes", description = "skip the interactive confirmation (production)")
    boolean yes;

    /** Production needs --allow-production and a typed confirmation (or --yes). Dry runs are always allowed. */
    void guard(EnvironmentName environment, String what, String application) {
        if (dryRun || environment != EnvironmentName.PRODUCTION) {
            return;
        }
        if (!allowProduction) {
            throw new Refusal(what + " on production needs --allow-production");
        }
        if (yes) {
            return;
        }
        Console console = System.console();
        String answer;
        System.out.print("About to run " + what + " on PRODUCTION of " + application
                + ". Type the application name to confirm: ");
        System.out.flush();
        try {
            answer = console != null
                    ? console.readLine()
                    : new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            answer = null;
        }
        if (answer == null || !answer.trim().equals(application)) {
            throw new Refusal("not confirmed; nothing done");
        }
    }
}
