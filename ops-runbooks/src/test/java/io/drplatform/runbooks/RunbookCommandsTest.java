package io.drplatform.runbooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.drplatform.dr.cli.DrCommand;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** Every dr command line in the runbooks and workflows parses against the real command-line definition. */
class RunbookCommandsTest {

    static Stream<DrCommandLines.Invocation> invocations() {
        List<DrCommandLines.Invocation> all = new ArrayList<>();
        for (Path file : Repository.runbooks()) {
            all.addAll(DrCommandLines.in(file, Repository.read(file)));
        }
        for (Path file : Repository.workflows()) {
            all.addAll(DrCommandLines.in(file, Repository.read(file)));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invocations")
    void parsesAgainstTheRealCli(DrCommandLines.Invocation invocation) {
        ParseResult result =
                DrCommand.commandLine().parseArgs(invocation.arguments().toArray(String[]::new));

        ParseResult leaf = result;
        while (leaf.hasSubcommand()) {
            leaf = leaf.subcommand();
        }
        boolean asksForHelp = leaf.isUsageHelpRequested() || leaf.isVersionHelpRequested();
        assertThat(asksForHelp
                        || leaf.commandSpec().subcommands().isEmpty()
                        || leaf.commandSpec().subcommands().keySet().stream().allMatch("help"::equals))
                .as("%s names a complete command, not just a group", invocation)
                .isTrue();
    }

    @Test
    void theDocumentsUseTheToolAtAll() {
        assertThat(invocations()
                        .map(i -> i.arguments().isEmpty() ? "" : i.arguments().get(0))
                        .distinct())
                .contains("status", "drill", "failover", "failback");
    }

    @Test
    void aWrongFlagIsCaught() {
        List<String> args = DrCommandLines.split("failover --env production --alow-production");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(
                        () -> DrCommand.commandLine().parseArgs(args.toArray(String[]::new))))
                .isInstanceOf(CommandLine.UnmatchedArgumentException.class);
    }

    @Test
    void splitsLikeAShell() {
        assertThat(DrCommandLines.split("drill \"$SCENARIO\" --env staging --report-dir 'my reports'"))
                .containsExactly("drill", "restore-backup", "--env", "staging", "--report-dir", "my reports");
    }
}
