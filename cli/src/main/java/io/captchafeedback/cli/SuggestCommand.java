package io.captchafeedback.cli;

import io.captchafeedback.record.Label;
import io.captchafeedback.record.Recording;
import io.captchafeedback.record.Replay;
import io.captchafeedback.record.Suggester;
import io.captchafeedback.rule.RuleFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code suggest}: labelled recordings to a commented rule file, then replays them through it. */
@Command(name = "suggest", mixinStandardHelpOptions = true,
        description = "Suggest the smallest rule set that separates labelled recordings (accepted / rejected / "
                + "rejected-other), write it as a commented YAML rule file, and replay the recordings through it. "
                + "Exit 0 when every recording gets its label, 1 otherwise.")
final class SuggestCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "RECORDING", description = "recording files or directories of them")
    List<Path> inputs;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "where to write the rules (default: standard output)")
    Path output;

    @Option(names = {"-l", "--label"}, paramLabel = "FILE=LABEL",
            description = "label a recording file here instead of in the file: accepted, rejected, rejected-other")
    java.util.Map<Path, String> labels = new java.util.LinkedHashMap<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        List<Path> all = new ArrayList<>(inputs);
        List<Recording> recordings = new ArrayList<>();
        for (Recording r : Inputs.recordings(all, cl)) {
            recordings.add(r);
        }
        labels.forEach((file, label) -> {
            Recording r = Inputs.recordings(List.of(file), cl).get(0);
            recordings.removeIf(x -> x.equals(r));
            recordings.add(r.withLabel(Label.parse(label)));
        });
        Suggester.Suggestion s;
        try {
            s = Suggester.suggest(recordings);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
        if (output == null) {
            cl.getOut().print(s.yaml());
        } else {
            try {
                Files.writeString(output, s.yaml());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + output + ": " + e.getMessage(), e);
            }
            cl.getErr().println("wrote " + output + " (" + s.rules().size() + " rules)");
        }
        List<Replay.Row> rows;
        if (output != null) {
            rows = Replay.run(RuleFiles.load(output), recordings);
        } else {
            Path tmp = null;
            try {
                tmp = Files.createTempFile("suggested", ".yml");
                Files.writeString(tmp, s.yaml());
                rows = Replay.run(RuleFiles.load(tmp), recordings);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                if (tmp != null) {
                    tmp.toFile().delete();
                }
            }
        }
        ReplayCommand.print(cl, rows, cl.getErr());
        for (String p : s.problems()) {
            cl.getErr().println(cl.getColorScheme().errorText("not covered: " + p));
        }
        return s.problems().isEmpty() && rows.stream().allMatch(Replay.Row::ok) ? Main.OK : Main.PROBLEMS;
    }
}
