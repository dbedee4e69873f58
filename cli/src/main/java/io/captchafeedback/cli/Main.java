package io.captchafeedback.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code captcha-feedback} command line: {@code validate}, {@code suggest}, {@code replay},
 * {@code outbox} and {@code report}. Exit codes: 0 all good, 1 the input has problems (invalid rules, a run
 * not decided as labelled, ...), 2 the command could not run (bad usage, unreadable file). Colours only
 * on a terminal.
 *
 * <pre>{@code
 * java -jar cli-all.jar suggest recordings/*.json -o rules.yml
 * java -jar cli-all.jar replay -r rules.yml recordings/*.json
 * }</pre>
 *
 * <p>Each run is single-threaded.
 */
@Command(name = "captcha-feedback", mixinStandardHelpOptions = true, version = "captcha-feedback 0.1.0-SNAPSHOT",
        description = "Validate configuration and rule files, suggest rules from recordings, replay recordings, "
                + "manage the outbox, render the verdict report.",
        subcommands = {ValidateCommand.class, SuggestCommand.class, ReplayCommand.class, OutboxCommand.class, ReportCommand.class,
                CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:all good", "1:the input has problems", "2:the command could not run (usage, unreadable file)"})
public final class Main implements Runnable {

    /** All good. */
    public static final int OK = 0;
    /** The input has problems. */
    public static final int PROBLEMS = 1;
    /** The command could not run. */
    public static final int FAILED = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the command line and returns its exit code (for tests and embedding). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExitCodeExceptionMapper(e -> FAILED);
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println(line.getColorScheme().errorText("error: " + message(e)));
            return FAILED;
        });
        cl.setParameterExceptionHandler((e, args2) -> {
            CommandLine c = e.getCommandLine();
            c.getErr().println(c.getColorScheme().errorText(e.getMessage()));
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
            return FAILED;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    static String message(Throwable e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }
}
