package io.captchafeedback.cli;

import io.captchafeedback.record.Replay;
import io.captchafeedback.rule.RuleFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code replay}: recordings through a rule file, as a table of verdicts. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replay recordings through a rule file and print the verdict of each. "
                + "Exit 0 when every labelled recording gets its label, 1 otherwise.")
final class ReplayCommand implements Callable<Integer> {

    @Option(names = {"-r", "--rules"}, required = true, paramLabel = "FILE", description = "the rule file")
    Path rules;

    @Parameters(arity = "1..*", paramLabel = "RECORDING", description = "recording files or directories of them")
    List<Path> inputs;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        List<Replay.Row> rows = Replay.run(RuleFiles.load(rules), Inputs.recordings(inputs, cl));
        print(cl, rows, cl.getOut());
        return rows.stream().allMatch(Replay.Row::ok) ? Main.OK : Main.PROBLEMS;
    }

    static void print(CommandLine cl, List<Replay.Row> rows, PrintWriter to) {
        for (String line : Replay.table(rows).split("\n")) {
            if (line.contains(" NO ")) {
                to.println(cl.getColorScheme().ansi().string("@|red " + line.replace("@|", "@ |") + "|@"));
            } else {
                to.println(line);
            }
        }
    }
}
