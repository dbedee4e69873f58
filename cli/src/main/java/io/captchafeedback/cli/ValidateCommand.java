package io.captchafeedback.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.captchafeedback.task.CaptchaFeedbackException;
import io.captchafeedback.CaptchaFeedbackConfig;
import io.captchafeedback.rule.RuleFiles;
import io.captchafeedback.rule.Rules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code validate}: checks configuration and rule files; each problem with file, line, column and key path. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check configuration files (providers, reporter, rules) and stand-alone rule files. "
                + "Each problem is printed with file:line:column: key path. Exit 0 when all are valid, 1 otherwise.")
final class ValidateCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "configuration or rule files (YAML or JSON)")
    List<Path> files;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        int bad = 0;
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                cl.getErr().println(cl.getColorScheme().errorText(f + ": no such file"));
                bad++;
                continue;
            }
            try {
                String what = check(f);
                cl.getOut().println(cl.getColorScheme().ansi().string("@|green OK|@ " + f + ": " + what));
            } catch (CaptchaFeedbackException | IllegalArgumentException e) {
                cl.getOut().println(cl.getColorScheme().ansi().string("@|red,bold INVALID|@ ") + e.getMessage());
                bad++;
            }
        }
        return bad == 0 ? Main.OK : Main.PROBLEMS;
    }

    private static String check(Path f) {
        if (onlyRules(f)) {
            Rules rules = RuleFiles.load(f);
            return rules.sets().size() + " rule sets";
        }
        CaptchaFeedbackConfig config = CaptchaFeedbackConfig.load(f);
        return config.providers().size() + " providers, " + config.rules().sets().size() + " rule sets";
    }

    /** Whether the file's only top-level key is {@code rules} (a stand-alone rule file). */
    private static boolean onlyRules(Path f) {
        try {
            ObjectMapper m = f.toString().endsWith(".json") ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
            JsonNode root = m.readTree(f.toFile());
            if (root == null || !root.isObject()) {
                return false;
            }
            Iterator<String> names = root.fieldNames();
            return names.hasNext() && names.next().equals("rules") && !names.hasNext();
        } catch (Exception e) {
            return false; // the loader reports where
        }
    }
}
