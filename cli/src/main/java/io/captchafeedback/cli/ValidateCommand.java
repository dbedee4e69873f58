package io.captchafeedback.cli;

import io.captchafeedback.task.CaptchaFeedbackException;
import io.captchafeedback.CaptchaFeedbackConfig;
import io.captchafeedback.config.ConfigException;
import io.captchafeedback.config.ConfigNode;
import io.captchafeedback.rule.RuleFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code validate}: checks configuration and rule files and prints every problem found, each with file,
 * line, column and key path: a malformed file is one problem; otherwise the configuration (providers,
 * reporter, detection: the loader's first problem) and each rule set and rule on its own.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check configuration files (providers, reporter, rules) and stand-alone rule files. "
                + "Every problem is printed as file:line:column: key path: problem (each rule set and each rule "
                + "is checked on its own). Exit 0 when all are valid, 1 otherwise.")
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
                cl.getOut().println(cl.getColorScheme().ansi().string("@|red,bold INVALID|@ ") + f + ": no such file");
                bad++;
                continue;
            }
            List<String> problems = new ArrayList<>();
            String what = check(f, problems);
            if (problems.isEmpty()) {
                cl.getOut().println(cl.getColorScheme().ansi().string("@|green OK|@ " + f + ": " + what));
            } else {
                bad++;
                cl.getOut().println(cl.getColorScheme().ansi().string("@|red,bold INVALID|@ ") + f + ": " + problems.size()
                        + (problems.size() == 1 ? " problem" : " problems"));
                problems.forEach(p -> cl.getOut().println("  " + p));
            }
        }
        return bad == 0 ? Main.OK : Main.PROBLEMS;
    }

    /** What the file holds when valid; its problems are added to {@code problems}, located, in file order. */
    private static String check(Path f, List<String> problems) {
        ConfigNode root;
        try {
            root = ConfigNode.parse(f, name -> System.getenv(name));
        } catch (CaptchaFeedbackException | IllegalArgumentException e) {
            problems.add(e.getMessage()); // malformed: nothing after the error can be read
            return "";
        }
        List<ConfigException> found = new ArrayList<>();
        String what;
        if (onlyRules(root)) {
            found.addAll(RuleFiles.problems(root));
            what = found.isEmpty() ? RuleFiles.parse(root).sets().size() + " rule sets" : "";
        } else {
            int providers = 0;
            try {
                providers = CaptchaFeedbackConfig.load(f).providers().size();
            } catch (ConfigException e) {
                found.add(e);
            } catch (CaptchaFeedbackException | IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
            ConfigNode rules = root.isObject() ? root.optional("rules").orElse(null) : null;
            int sets = 0;
            if (rules != null) {
                List<ConfigException> ruleProblems = RuleFiles.problems(rules);
                // the loader may have reported one of them already
                ruleProblems.removeIf(p -> found.stream().anyMatch(x -> x.getMessage().equals(p.getMessage())));
                found.addAll(ruleProblems);
                sets = ruleProblems.isEmpty() ? RuleFiles.parse(rules).sets().size() : 0;
            }
            what = providers + " providers, " + sets + " rule sets";
        }
        found.sort(Comparator.comparingInt(ConfigException::line).thenComparingInt(ConfigException::column));
        found.forEach(e -> problems.add(e.getMessage()));
        return what;
    }

    /** Whether the document's only top-level key is {@code rules} (a stand-alone rule file), or it is a list of rule sets. */
    private static boolean onlyRules(ConfigNode root) {
        return root.isArray() || (root.isObject() && root.fields().size() == 1 && root.has("rules"));
    }
}
