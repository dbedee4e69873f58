package io.captchafeedback.rule.internal;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Globs, regular expressions and CSS selector checks shared by the rule model. Not public API. */
public final class Patterns {

    private static final Map<String, Predicate<String>> COMPILED = new ConcurrentHashMap<>();
    private static final Map<String, Pattern> HOSTS = new ConcurrentHashMap<>();
    private static final Map<String, Pattern> PATHS = new ConcurrentHashMap<>();
    private static final Pattern EMPTY_IN_LIST = Pattern.compile(",\\s*,");

    private Patterns() {
    }

    /** The problem with a regular expression (with the regex engine's explanation), or {@code null}. */
    public static String regexProblem(String regex) {
        if (regex.isEmpty()) {
            return "the regular expression is empty";
        }
        try {
            Pattern.compile(regex);
            return null;
        } catch (PatternSyntaxException e) {
            return "invalid regular expression '" + regex + "': " + e.getDescription()
                    + (e.getIndex() >= 0 ? " near index " + e.getIndex() : "");
        }
    }

    /** Throws IllegalArgumentException for a bad regular expression. */
    public static void requireRegex(String regex) {
        String problem = regexProblem(regex);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    private static final Map<String, Pattern> REGEXES = new ConcurrentHashMap<>();

    /** A compiled regular expression (cached; the expression must be valid). */
    public static Pattern cachedRegex(String regex) {
        return REGEXES.computeIfAbsent(regex, Pattern::compile);
    }

    /** The problem with a glob, or {@code null}. */
    public static String globProblem(String glob) {
        if (glob.isBlank()) {
            return "the glob pattern is empty";
        }
        return null;
    }

    /**
     * The problems that can be seen without a browser in a CSS selector: empty, unbalanced brackets,
     * parentheses or quotes, characters that never occur in a selector, dangling combinators and commas.
     */
    public static String cssProblem(String css) {
        String s = css.trim();
        if (s.isEmpty()) {
            return "the CSS selector is empty";
        }
        int paren = 0;
        int bracket = 0;
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                if (i + 1 >= s.length()) {
                    return bad(css, "it ends with a lone backslash");
                }
                i++;
                continue;
            }
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            switch (c) {
                case '"':
                case '\'':
                    quote = c;
                    break;
                case '(':
                    paren++;
                    break;
                case ')':
                    if (--paren < 0) {
                        return bad(css, "')' at position " + (i + 1) + " closes nothing");
                    }
                    break;
                case '[':
                    if (bracket > 0) {
                        return bad(css, "'[' at position " + (i + 1) + " inside an attribute selector");
                    }
                    bracket++;
                    break;
                case ']':
                    if (--bracket < 0) {
                        return bad(css, "']' at position " + (i + 1) + " closes nothing");
                    }
                    break;
                case '{':
                case '}':
                case ';':
                case '<':
                case '`':
                    return bad(css, "'" + c + "' at position " + (i + 1) + " cannot appear in a selector");
                default:
                    break;
            }
        }
        if (quote != 0) {
            return bad(css, "a quote (" + quote + ") is not closed");
        }
        if (bracket != 0) {
            return bad(css, "a '[' is not closed");
        }
        if (paren != 0) {
            return bad(css, "a '(' is not closed");
        }
        char first = s.charAt(0);
        char last = s.charAt(s.length() - 1);
        if (first == ',' || last == ',' || EMPTY_IN_LIST.matcher(s).find()) {
            return bad(css, "an empty selector in a comma-separated list");
        }
        if (last == '>' || last == '+' || last == '~') {
            return bad(css, "it ends with the combinator '" + last + "'");
        }
        if (last == '.' || last == '#' || last == ':') {
            return bad(css, "it ends with '" + last + "' and no name");
        }
        return null;
    }

    private static String bad(String css, String why) {
        return "invalid CSS selector '" + css + "': " + why;
    }

    /** The trimmed selector, or IllegalArgumentException. */
    public static String requireCss(String css) {
        Objects.requireNonNull(css, "css == null");
        String problem = cssProblem(css);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return css.trim();
    }

    /** The compiled matcher of a URL glob or regular expression (cached). */
    public static Predicate<String> compiled(String pattern, boolean regex) {
        return COMPILED.computeIfAbsent((regex ? "r:" : "g:") + pattern, k -> compile(pattern, regex));
    }

    private static Predicate<String> compile(String pattern, boolean regex) {
        if (regex) {
            Pattern p = Pattern.compile(pattern);
            return url -> p.matcher(url).find();
        }
        Pattern p = Pattern.compile(globToRegex(pattern, false));
        return url -> {
            if (p.matcher(url).matches()) {
                return true;
            }
            int cut = firstOf(url, '?', '#');
            return cut >= 0 && p.matcher(url.substring(0, cut)).matches();
        };
    }

    private static int firstOf(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }

    /**
     * A glob as a regular expression: {@code **} any characters, {@code *} any characters but
     * {@code /} (any characters at all when {@code hostGlob}), {@code ?} one character.
     */
    public static String globToRegex(String glob, boolean hostGlob) {
        StringBuilder re = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' || c == '?') {
                if (literal.length() > 0) {
                    re.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                if (c == '?') {
                    re.append('.');
                } else if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                    re.append(".*");
                    i++;
                } else {
                    re.append(hostGlob ? ".*" : "[^/]*");
                }
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            re.append(Pattern.quote(literal.toString()));
        }
        return re.toString();
    }

    /**
     * Whether a host matches a host glob, ignoring case; {@code *.shop.example} also matches
     * {@code shop.example} itself.
     */
    public static boolean hostMatches(String glob, String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        Pattern p = HOSTS.computeIfAbsent(glob.toLowerCase(Locale.ROOT), g -> Pattern.compile(globToRegex(g, true)));
        if (p.matcher(h).matches()) {
            return true;
        }
        return glob.startsWith("*.") && h.equalsIgnoreCase(glob.substring(2));
    }

    /** Whether a path matches a path glob ({@code *} stops at {@code /}). */
    public static boolean pathMatches(String glob, String path) {
        String p = path == null || path.isEmpty() ? "/" : path;
        return PATHS.computeIfAbsent(glob, g -> Pattern.compile(globToRegex(g, false))).matcher(p).matches();
    }

    /**
     * A cheap, safe pre-test for a regular expression run over rendered text: for each top-level
     * alternative, the longest literal run (lower case, no whitespace, at least 3 characters) that every
     * match of that alternative must contain. Empty when some alternative has no such literal (no
     * pre-test possible). A rendered text can only match when, for some alternative, its literal occurs
     * in the raw text.
     */
    public static java.util.List<String> requiredLiterals(String regex) {
        String r = regex.startsWith("(?i)") ? regex.substring(4) : regex;
        java.util.List<String> alternatives = new java.util.ArrayList<>();
        int depth = 0;
        int from = 0;
        boolean inClass = false;
        for (int i = 0; i < r.length(); i++) {
            char c = r.charAt(i);
            if (c == '\\') {
                i++;
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                alternatives.add(r.substring(from, i));
                from = i + 1;
            }
        }
        alternatives.add(r.substring(from));
        java.util.List<String> literals = new java.util.ArrayList<>();
        for (String alternative : alternatives) {
            String literal = longestLiteral(alternative);
            if (literal.length() < 3) {
                return java.util.List.of();
            }
            literals.add(literal.toLowerCase(Locale.ROOT));
        }
        return literals;
    }

    private static String longestLiteral(String alt) {
        String best = "";
        StringBuilder run = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < alt.length(); i++) {
            char c = alt.charAt(i);
            Character literal = null;
            if (c == '\\' && i + 1 < alt.length()) {
                char e = alt.charAt(++i);
                if ("\\.[](){}*+?^$|/-#&~\"'".indexOf(e) >= 0) {
                    literal = e;
                } else if (e == 'Q' || e == 'p' || e == 'P' || e == 'x' || e == 'u' || e == 'c' || e == 'k' || e == 'N') {
                    return best.length() >= run.length() ? best : run.toString(); // too rich to follow: stop here
                }
            } else if (c == '[') {
                for (i++; i < alt.length() && alt.charAt(i) != ']'; i++) {
                    if (alt.charAt(i) == '\\') {
                        i++;
                    }
                }
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (depth == 0 && "{}*+?^$.|".indexOf(c) < 0 && !Character.isWhitespace(c)) {
                literal = c;
            }
            if (depth > 0 && literal != null) {
                literal = null;
            }
            char next = i + 1 < alt.length() ? alt.charAt(i + 1) : 0;
            boolean optional = next == '?' || next == '*' || next == '{';
            if (literal != null && !optional) {
                run.append(literal.charValue());
                if (next == '+') {
                    best = run.length() > best.length() ? run.toString() : best;
                    run.setLength(0);
                }
            } else {
                best = run.length() > best.length() ? run.toString() : best;
                run.setLength(0);
            }
        }
        return run.length() > best.length() ? run.toString() : best;
    }
}
