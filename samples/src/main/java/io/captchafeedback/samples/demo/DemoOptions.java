package io.captchafeedback.samples.demo;

import io.captchafeedback.testkit.site.DemoPage;
import io.captchafeedback.testkit.site.DemoSite;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The demo's command line, parsed by hand (a handful of options needs no framework).
 *
 * @param interactive whether to redraw one progress line with {@code \r} and wait for Enter at the end
 * @param engines the browser engines to run the flows on
 * @param config the user's configuration file (real providers), or {@code null} for the local emulator
 * @param reportDir where the verdict report is written
 * @param pages which demo pages to visit (globs over the page path, e.g. {@code recaptcha-v2/*})
 * @param parallel how many flows run at a time per engine
 * @param help whether only the usage was asked for
 * @param solve whether captcha-feedback finds and solves each widget through the emulator's createTask/getTaskResult
 *     ({@code solveAndInject}) instead of the demo making the tokens
 */
record DemoOptions(boolean interactive, Set<Engine> engines, Path config, Path reportDir, List<String> pages,
        int parallel, boolean help, boolean solve) {

    static final Path DEFAULT_REPORT_DIR = Path.of("target", "captcha-feedback-demo");
    static final int DEFAULT_PARALLEL = 2;
    static final int MAX_PARALLEL = 8;

    static final String USAGE = """
            Usage: ./run-demo.sh [options]      (or: ./mvnw -q -pl samples exec:java -Dexec.args="[options]")

            Starts the testkit's demo site and provider emulator in this process, then signs in on every demo
            page (6 captcha widgets x 8 ways a site reacts) with a good and a bad token, in headless Chromium
            under Selenium (BiDi) and under Playwright. captcha-feedback decides each verdict from what the
            page does and reports it to the provider that solved the token. The demo prints a table of what
            happened, checks it against what should have happened, and writes a verdict report (JSON and HTML).
            Exit status: 0 when every row is as expected, 1 when one is not, 2 for a bad command line.

            Options:
              --non-interactive       plain progress lines, never wait for input (also when there is no
                                      console or the environment variable CI is set)
              --engines <list>        selenium, playwright or both, comma-separated (default: selenium,playwright)
              --pages <globs>         only the pages whose path matches one of the comma-separated globs,
                                      e.g. 'recaptcha-v2/*' or '*/redirect,*/silent' (default: every page)
              --parallel <n>          flows run at the same time per engine, 1 to %d (default: %d)
              --report-dir <dir>      where the verdict report goes (default: %s)
              --config <file>         send the feedback to the providers of your captcha-feedback.yml (real
                                      keys, real endpoints) instead of the local emulator. Tokens still come
                                      from the local emulator, since the demo site only trusts its tokens:
                                      the providers will answer that they do not know these tasks. That
                                      shows the call, its authentication and the provider's answer without
                                      spending a solve. Providers are assigned to the widgets in turn.
              --solve                 let captcha-feedback find each widget and buy its token from the
                                      emulated provider (createTask/getTaskResult, solveAndInjectAsync)
                                      instead of the demo making the tokens; emulator only (not with --config)
              -h, --help              this text
            """.formatted(MAX_PARALLEL, DEFAULT_PARALLEL, DEFAULT_REPORT_DIR);

    DemoOptions {
        engines = Set.copyOf(engines);
        pages = List.copyOf(pages);
        Objects.requireNonNull(reportDir, "reportDir == null");
    }

    /** Thrown for a command line the demo cannot run; its message says what is wrong. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    /**
     * Parses {@code args}. Interactive only when a console is attached, {@code CI} is not set and
     * {@code --non-interactive} is not given.
     */
    static DemoOptions parse(List<String> args, Map<String, String> env, boolean hasConsole) throws UsageException {
        boolean interactive = hasConsole && blank(env.get("CI"));
        Set<Engine> engines = EnumSet.allOf(Engine.class);
        Path config = null;
        Path reportDir = DEFAULT_REPORT_DIR;
        List<String> pages = List.of();
        int parallel = DEFAULT_PARALLEL;
        boolean help = false;
        boolean solve = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            switch (name) {
                case "-h", "--help" -> help = true;
                case "--solve" -> {
                    if (value != null) {
                        throw new UsageException("option --solve takes no value");
                    }
                    solve = true;
                }
                case "--non-interactive" -> {
                    if (value != null) {
                        throw new UsageException("option --non-interactive takes no value");
                    }
                    interactive = false;
                }
                case "--engines", "--pages", "--parallel", "--report-dir", "--config" -> {
                    if (value == null) {
                        if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                            throw new UsageException("option " + name + " needs a value");
                        }
                        value = args.get(++i);
                    }
                    switch (name) {
                        case "--engines" -> engines = engines(value);
                        case "--pages" -> pages = pages(value);
                        case "--parallel" -> parallel = parallel(value);
                        case "--report-dir" -> reportDir = path(name, value);
                        default -> config = path(name, value);
                    }
                }
                default -> throw new UsageException(arg.startsWith("-")
                        ? "unknown option '" + name + "'" : "unexpected argument '" + arg + "'");
            }
        }
        if (solve && config != null) {
            throw new UsageException("--solve works with the local emulator only: the demo site trusts no real provider's"
                    + " tokens, so --config and --solve cannot be combined");
        }
        return new DemoOptions(interactive, engines, config, reportDir, pages, parallel, help, solve);
    }

    /** The demo pages these options select, in the site's order. */
    List<DemoPage> selectedPages() {
        if (pages.isEmpty()) {
            return DemoSite.pages();
        }
        List<Pattern> globs = pages.stream().map(DemoOptions::glob).toList();
        return DemoSite.pages().stream()
                .filter(p -> globs.stream().anyMatch(g -> g.matcher(p.path().substring(1)).matches()))
                .toList();
    }

    private static Set<Engine> engines(String value) throws UsageException {
        Set<Engine> engines = EnumSet.noneOf(Engine.class);
        for (String part : value.split(",", -1)) {
            String name = part.trim().toLowerCase(Locale.ROOT);
            Engine engine = Engine.byName(name);
            if (engine == null) {
                throw new UsageException("--engines: unknown engine '" + part.trim() + "'; expected selenium, playwright or both");
            }
            engines.add(engine);
        }
        return engines;
    }

    private static List<String> pages(String value) throws UsageException {
        List<String> globs = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            String glob = part.trim();
            if (glob.startsWith("/")) {
                glob = glob.substring(1);
            }
            if (glob.isEmpty()) {
                throw new UsageException("--pages: empty glob in '" + value + "'");
            }
            Pattern pattern = glob(glob);
            if (DemoSite.pages().stream().noneMatch(p -> pattern.matcher(p.path().substring(1)).matches())) {
                throw new UsageException("--pages: '" + part.trim() + "' matches no demo page; pages are <widget>/<reaction>"
                        + " such as recaptcha-v2/redirect or turnstile/silent");
            }
            globs.add(glob);
        }
        return globs;
    }

    private static int parallel(String value) throws UsageException {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1 && n <= MAX_PARALLEL) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--parallel: expected a number from 1 to " + MAX_PARALLEL + ", got '" + value + "'");
    }

    private static Path path(String option, String value) throws UsageException {
        if (value.isBlank()) {
            throw new UsageException("option " + option + " needs a value");
        }
        try {
            return Path.of(value);
        } catch (RuntimeException e) {
            throw new UsageException(option + ": not a usable path: '" + value + "'");
        }
    }

    /** A glob over a page path without its leading slash: {@code *} stays within a segment, {@code **} does not. */
    private static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*') {
                boolean twice = i + 1 < glob.length() && glob.charAt(i + 1) == '*';
                regex.append(twice ? ".*" : "[^/]*");
                i += twice ? 1 : 0;
            } else if (c == '?') {
                regex.append("[^/]");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
