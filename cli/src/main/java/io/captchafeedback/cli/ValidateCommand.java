package io.captchafeedback.cli;

import io.captchafeedback.task.CaptchaFeedbackException;
import io.captchafeedback.CaptchaFeedbackConfig;
import io.captchafeedback.config.ConfigException;
import io.captchafeedback.config.ConfigNode;
import io.captchafeedback.rule.RuleFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code validate}: checks configuration and rule files in one pass each and prints every problem found,
 * each with file, line, column and key path, in file order: a malformed file is one problem; otherwise
 * every section (providers with their settings and adapter options, reporter, rules), every rule set, every
 * rule and every key is checked on its own, so all mistakes of a file show at once.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check configuration files (providers, reporter, rules) and stand-alone rule files. "
                + "Every problem of a file is printed, in file order, as file:line:column: key path: problem "
                + "(one run shows them all). Exit 0 when all are valid, 1 otherwise.")
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
        try {
            ConfigNode root = ConfigNode.parse(f, name -> System.getenv(name));
            if (onlyRules(root)) {
                return RuleFiles.parse(root).sets().size() + " rule sets";
            }
            CaptchaFeedbackConfig config = CaptchaFeedbackConfig.load(f);
            return config.providers().size() + " providers, " + config.rules().sets().size() + " rule sets";
        } catch (ConfigException e) {
            e.problems().forEach(p -> problems.add(p.getMessage()));
        } catch (CaptchaFeedbackException | IllegalArgumentException e) {
            problems.add(e.getMessage()); // malformed: nothing after the error can be read
        }
        return "";
    }

    /** Whether the document's only top-level key is {@code rules} (a stand-alone rule file), or it is a list of rule sets. */
    private static boolean onlyRules(ConfigNode root) {
        return root.isArray() || (root.isObject() && root.fields().size() == 1 && root.has("rules"));
    }
}
