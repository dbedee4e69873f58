package io.captchafeedback.config;


import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A parsed YAML or JSON document in which every node remembers where it came from (source, line,
 * column, key path), so that whoever reads it can report bad input precisely with
 * {@link #error(String)}. String values have {@code ${ENV_VAR}} (and {@code ${ENV_VAR:-default}})
 * references replaced while parsing; <code>$${</code> stands for a literal <code>${</code>.
 *
 * <pre>{@code
 * ConfigNode root = ConfigNode.parse(Path.of("captcha-feedback.yml"), System::getenv);
 * root.checkKeys(Set.of("providers", "rules", "reporter"));
 * Duration timeout = root.optional("reporter").flatMap(r -> r.optional("closeTimeout"))
 *         .map(ConfigNode::asDuration).orElse(Duration.ofSeconds(10));
 * }</pre>
 *
 * <p>Used by the configuration loader and by the rule-file loader; immutable and thread-safe once parsed.
 */
public final class ConfigNode {

    /** The kind of a node. */
    public enum Kind { OBJECT, ARRAY, STRING, NUMBER, BOOLEAN, NULL }

    private static final Pattern ENV_REF = Pattern.compile("\\$\\$\\{|\\$\\{([A-Za-z_][A-Za-z0-9_.]*)(:-([^}]*))?}");
    private static final Pattern UNRECOGNIZED_TOKEN = Pattern.compile("Unrecognized token '[^']*'");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private final String source;
    private final int line;
    private final int column;
    private final String path;
    private final Kind kind;
    private final String text;
    private final Map<String, ConfigNode> fields;
    private final List<ConfigNode> items;
    private final int keyLine;
    private final int keyColumn;
    /** The text as written when {@code ${...}} was replaced in it, else {@code null}; errors show this instead. */
    private final String written;
    /** The values that replaced {@code ${...}} references (never quoted in errors), or empty. */
    private final List<String> substituted;

    private ConfigNode(String source, int line, int column, String path, Kind kind, String text,
            Map<String, ConfigNode> fields, List<ConfigNode> items) {
        this(source, line, column, line, column, path, kind, text, fields, items);
    }

    private ConfigNode(String source, int line, int column, int keyLine, int keyColumn, String path, Kind kind,
            String text, Map<String, ConfigNode> fields, List<ConfigNode> items) {
        this(source, line, column, keyLine, keyColumn, path, kind, text, fields, items, null, List.of());
    }

    private ConfigNode(String source, int line, int column, int keyLine, int keyColumn, String path, Kind kind,
            String text, Map<String, ConfigNode> fields, List<ConfigNode> items, String written, List<String> substituted) {
        this.written = written;
        this.substituted = substituted;
        this.source = source;
        this.line = line;
        this.column = column;
        this.keyLine = keyLine;
        this.keyColumn = keyColumn;
        this.path = path;
        this.kind = kind;
        this.text = text;
        this.fields = fields;
        this.items = items;
    }

    /**
     * Reads and parses a file: JSON when the name ends with {@code .json}, YAML otherwise.
     *
     * @param env looks up environment variables for {@code ${...}} references ({@code System::getenv})
     * @throws ConfigException when the file is missing, unreadable or malformed, or a referenced
     *     variable is not set or a key repeated: every unset variable and repeated key of the document
     *     ({@link ConfigException#problems()})
     */
    public static ConfigNode parse(Path file, Function<String, String> env) {
        String name = file.toString();
        String content;
        try {
            content = utf8(name, Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new ConfigException(name, 0, 0, "", "file not found");
        } catch (IOException e) {
            throw new ConfigException(name, 0, 0, "", "cannot read file: " + e.getClass().getSimpleName()
                    + (e.getMessage() != null ? " " + e.getMessage() : ""));
        }
        return parse(name, content, name.toLowerCase(Locale.ROOT).endsWith(".json"), env);
    }

    /** The bytes as UTF-8 text; a file that is not (binary garbage) fails at the line and column of the first bad byte. */
    private static String utf8(String name, byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            // find the first bad byte by decoding longer and longer prefixes is costly; walk the bytes instead
            int line = 1;
            int column = 1;
            int i = 0;
            while (i < bytes.length) {
                int b = bytes[i] & 0xff;
                int n = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
                boolean ok = n > 0 && i + n <= bytes.length;
                for (int k = 1; ok && k < n; k++) {
                    ok = (bytes[i + k] & 0xc0) == 0x80;
                }
                if (!ok) {
                    break;
                }
                if (b == '\n') {
                    line++;
                    column = 1;
                } else {
                    column++;
                }
                i += n;
            }
            throw new ConfigException(name, line, column, "", String.format(Locale.ROOT,
                    "not UTF-8 text (byte 0x%02x at offset %d); expected a YAML or JSON file in UTF-8",
                    i < bytes.length ? bytes[i] & 0xff : 0, i));
        }
    }

    /**
     * Parses a document held in memory.
     *
     * @param source the name used in error messages (a file name, {@code "inline rules"}, ...)
     * @param json {@code true} to parse as JSON, {@code false} as YAML
     * @throws ConfigException as {@link #parse(Path, Function)}
     */
    public static ConfigNode parse(String source, String content, boolean json, Function<String, String> env) {
        Objects.requireNonNull(source, "source == null");
        Objects.requireNonNull(content, "content == null");
        Objects.requireNonNull(env, "env == null");
        JsonFactory factory = json ? new JsonFactory() : new YAMLFactory();
        JsonParser parser = null;
        // duplicate keys and unset variables do not stop reading: all of them are reported together
        List<ConfigException> problems = new ArrayList<>();
        try (JsonParser p = factory.createParser(content)) {
            parser = p;
            JsonToken first = parser.nextToken();
            if (first == null) {
                return new ConfigNode(source, 1, 1, "", Kind.OBJECT, null, Map.of(), null);
            }
            ConfigNode root = read(parser, source, "", env, null, problems);
            if (parser.nextToken() != null) {
                JsonLocation at = parser.currentTokenLocation();
                problems.add(new ConfigException(source, line(at), column(at), "", "unexpected content after the document"));
            }
            if (!problems.isEmpty()) {
                throw ConfigException.of(problems);
            }
            return root;
        } catch (StreamConstraintsException e) {
            // too deep (or too long): located where the parser stopped, without the parser's advice to users
            JsonLocation at = parser == null ? null : parser.currentTokenLocation();
            String problem = e.getOriginalMessage() != null && e.getOriginalMessage().contains("nesting depth")
                    ? "nested deeper than " + StreamReadConstraints.DEFAULT_MAX_DEPTH + " levels; expected a flatter document"
                    : "a value or name too long; expected a smaller document";
            problems.add(new ConfigException(source, Math.max(1, line(at)), Math.max(1, column(at)), "",
                    "malformed " + (json ? "JSON" : "YAML") + ": " + problem));
            throw ConfigException.of(problems);
        } catch (JsonProcessingException e) {
            problems.add(malformed(source, json, e));
            throw ConfigException.of(problems);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads the node at the current token; {@code keyAt} is where the key naming it is, or null. A duplicate
     * key (the first value is kept) or an unset variable (read as empty) is added to {@code problems}.
     */
    private static ConfigNode read(JsonParser p, String source, String path, Function<String, String> env,
            JsonLocation keyAt, List<ConfigException> problems) throws IOException {
        JsonLocation at = p.currentTokenLocation();
        int line = line(at);
        int column = column(at);
        int keyLine = keyAt == null ? line : line(keyAt);
        int keyColumn = keyAt == null ? column : column(keyAt);
        JsonToken token = p.currentToken();
        switch (token) {
            case START_OBJECT: {
                Map<String, ConfigNode> fields = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    JsonLocation childKeyAt = p.currentTokenLocation();
                    String childPath = path.isEmpty() ? key : path + "." + key;
                    p.nextToken();
                    ConfigNode child = read(p, source, childPath, env, childKeyAt, problems);
                    if (fields.putIfAbsent(key, child) != null) {
                        problems.add(new ConfigException(source, line(childKeyAt), column(childKeyAt), childPath,
                                "duplicate key '" + key + "'"));
                    }
                }
                return new ConfigNode(source, line, column, keyLine, keyColumn, path, Kind.OBJECT, null,
                        Collections.unmodifiableMap(fields), null);
            }
            case START_ARRAY: {
                List<ConfigNode> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(read(p, source, path + "[" + items.size() + "]", env, null, problems));
                }
                return new ConfigNode(source, line, column, keyLine, keyColumn, path, Kind.ARRAY, null, null, List.copyOf(items));
            }
            case VALUE_STRING: {
                String raw = p.getText();
                List<String> values = new ArrayList<>();
                String text = interpolate(raw, source, line, column, path, env, values, problems);
                return new ConfigNode(source, line, column, keyLine, keyColumn, path, Kind.STRING, text, null, null,
                        values.isEmpty() ? null : raw, List.copyOf(values));
            }
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return new ConfigNode(source, line, column, keyLine, keyColumn, path, Kind.NUMBER, p.getText(), null, null);
            case VALUE_TRUE:
            case VALUE_FALSE:
                return new ConfigNode(source, line, column, keyLine, keyColumn, path, Kind.BOOLEAN, p.getText(), null, null);
            case VALUE_NULL:
                return new ConfigNode(source, line, column, keyLine, keyColumn, path, Kind.NULL, null, null, null);
            default:
                throw new ConfigException(source, line, column, path, "unsupported content: " + token);
        }
    }

    private static String interpolate(String value, String source, int line, int column, String path,
            Function<String, String> env, List<String> substituted, List<ConfigException> problems) {
        if (value.indexOf('$') < 0) {
            return value;
        }
        Matcher m = ENV_REF.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group().equals("$${")) {
                replacement = "${";
            } else {
                String name = m.group(1);
                String found = env.apply(name);
                if (found == null) {
                    if (m.group(2) == null) {
                        problems.add(new ConfigException(source, line, column, path,
                                "environment variable " + name + " is not set (use ${" + name
                                        + ":-default} for a default)"));
                    }
                    found = m.group(2) == null ? "" : m.group(3);
                }
                replacement = found;
                substituted.add(found);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * Turns a parser error into a located message that never quotes the document: the YAML parser
     * echoes the offending line and the JSON parser the offending token, either of which may be a key.
     */
    private static ConfigException malformed(String source, boolean json, JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        int line = line(at);
        int column = column(at);
        String problem;
        if (e.getCause() instanceof MarkedYAMLException yaml) {
            Mark mark = yaml.getProblemMark() != null ? yaml.getProblemMark() : yaml.getContextMark();
            if (mark != null) {
                line = mark.getLine() + 1;
                column = mark.getColumn() + 1;
            }
            problem = yaml.getProblem() == null ? "unreadable content" : yaml.getProblem();
            Mark context = yaml.getContextMark();
            if (yaml.getContext() != null) {
                problem += " (" + yaml.getContext()
                        + (context == null ? "" : " at line " + (context.getLine() + 1) + ", column " + (context.getColumn() + 1))
                        + ")";
            }
        } else {
            String original = e.getOriginalMessage() == null ? "unreadable content" : e.getOriginalMessage();
            problem = UNRECOGNIZED_TOKEN.matcher(original).replaceAll("Unrecognized token");
            int newline = problem.indexOf('\n');
            if (newline >= 0) {
                problem = problem.substring(0, newline);
            }
        }
        return new ConfigException(source, line, column, "", "malformed " + (json ? "JSON" : "YAML") + ": " + problem);
    }

    private static int line(JsonLocation at) {
        return at == null ? 0 : at.getLineNr();
    }

    private static int column(JsonLocation at) {
        return at == null ? 0 : at.getColumnNr();
    }

    // ---- where ----

    /** The source name (usually the file). */
    public String source() {
        return source;
    }

    /** 1-based line of this node. */
    public int line() {
        return line;
    }

    /** 1-based column of this node. */
    public int column() {
        return column;
    }

    /** 1-based line of the key naming this node (of the node itself for the root and list items). */
    /** The line of this node's key ({@code 0} for the document or a list item). */
    public int keyLine() {
        return keyLine;
    }

    /** 1-based column of the key naming this node (of the node itself for the root and list items). */
    /** The column of this node's key ({@code 0} for the document or a list item). */
    public int keyColumn() {
        return keyColumn;
    }

    /** The key path of this node ({@code providers.ucaptcha.key}, {@code rules[2].when}); empty at the root. */
    public String path() {
        return path;
    }

    /** The kind of this node. */
    public Kind kind() {
        return kind;
    }

    /**
     * An exception that points at this node, with what was expected. A value that came from {@code ${...}}
     * is shown as written ({@code '${UCAPTCHA_KEY}'}), never by its content.
     */
    public ConfigException error(String problem) {
        return new ConfigException(source, line, column, path, conceal(problem));
    }

    /** {@code message} with this node's substituted content replaced by how it was written. */
    private String conceal(String message) {
        if (written == null) {
            return message;
        }
        String out = conceal(message, text, written);
        for (String value : substituted) {
            if (value.length() >= 4) {
                out = conceal(out, value, "(a value not shown)");
            }
        }
        return out;
    }

    /** The content to conceal in messages (the text after {@code ${...}} replacement), or {@code null}. */
    public String concealedText() {
        return written == null ? null : text;
    }

    /** How the text was written before {@code ${...}} replacement, or {@code null} when nothing was replaced. */
    public String writtenText() {
        return written;
    }

    /**
     * An exception that points at the key naming this node ({@code timout:} rather than its value), or at
     * the node itself for the root and list items.
     */
    public ConfigException keyError(String problem) {
        return new ConfigException(source, keyLine, keyColumn, path, conceal(problem));
    }

    // ---- objects ----

    /** Whether this is an object. */
    public boolean isObject() {
        return kind == Kind.OBJECT;
    }

    /** The fields of this object, in document order; fails when this is not an object. */
    public Map<String, ConfigNode> fields() {
        expect(Kind.OBJECT, "a mapping of keys to values");
        return fields;
    }

    /** A field of this object, if present and not null; fails when this is not an object. */
    public Optional<ConfigNode> optional(String key) {
        ConfigNode child = fields().get(key);
        return child == null || child.kind == Kind.NULL ? Optional.empty() : Optional.of(child);
    }

    /** A field of this object; fails with "missing key" naming this node when absent. */
    public ConfigNode required(String key) {
        return optional(key).orElseThrow(() -> error("missing required key '" + key + "'"));
    }

    /** Whether this object has the key (with a non-null value). */
    public boolean has(String key) {
        return optional(key).isPresent();
    }

    /**
     * Fails when keys are not in {@code allowed}: one problem for each such key (see
     * {@link ConfigException#problems()}), naming it, its location and the keys that are allowed (with the
     * nearest one as a suggestion).
     */
    public void checkKeys(Collection<String> allowed) {
        List<ConfigException> unknown = new ArrayList<>();
        for (Map.Entry<String, ConfigNode> e : fields().entrySet()) {
            if (!allowed.contains(e.getKey())) {
                unknown.add(e.getValue().keyError(unknownMessage("key", e.getKey(), allowed)));
            }
        }
        if (!unknown.isEmpty()) {
            throw ConfigException.of(unknown);
        }
    }

    /** "unknown key 'timout' (did you mean 'timeout'?); expected one of: a, b, c". */
    public static String unknownMessage(String what, String found, Collection<String> allowed) {
        Set<String> sorted = new TreeSet<>(allowed);
        String nearest = null;
        int best = Integer.MAX_VALUE;
        for (String candidate : sorted) {
            int d = distance(found.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (d < best) {
                best = d;
                nearest = candidate;
            }
        }
        String hint = nearest != null && best <= Math.max(2, found.length() / 3) ? " (did you mean '" + nearest + "'?)" : "";
        return "unknown " + what + " '" + found + "'" + hint + "; expected one of: " + String.join(", ", sorted);
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    // ---- arrays ----

    /** Whether this is an array. */
    public boolean isArray() {
        return kind == Kind.ARRAY;
    }

    /** The items of this array; fails when this is not an array. */
    public List<ConfigNode> items() {
        expect(Kind.ARRAY, "a list");
        return items;
    }

    // ---- scalars ----

    /** Whether this is a string, number or boolean. */
    public boolean isScalar() {
        return kind == Kind.STRING || kind == Kind.NUMBER || kind == Kind.BOOLEAN;
    }

    /** This scalar as text (numbers and booleans as written); fails on objects, arrays and null. */
    public String asText() {
        if (!isScalar()) {
            throw error("expected a text value, got " + describe());
        }
        return text;
    }

    /** This value as a string; a number or boolean is refused so that typos like {@code key: 123} show. */
    public String asString() {
        expect(Kind.STRING, "a text value");
        return text;
    }

    /** This value as a boolean ({@code true}/{@code false}). */
    public boolean asBoolean() {
        if (kind == Kind.BOOLEAN) {
            return Boolean.parseBoolean(text);
        }
        if (kind == Kind.STRING && (text.equals("true") || text.equals("false"))) {
            return Boolean.parseBoolean(text); // after ${ENV} interpolation
        }
        throw error("expected true or false, got " + describe());
    }

    /** This value as an int within [{@code min}, {@code max}]. */
    public int asInt(int min, int max) {
        long value = asLong(min, max);
        return (int) value;
    }

    /** This value as a long within [{@code min}, {@code max}]. */
    public long asLong(long min, long max) {
        long value;
        try {
            if (kind != Kind.NUMBER && kind != Kind.STRING) {
                throw new NumberFormatException();
            }
            value = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw error("expected a whole number, got " + describe());
        }
        if (value < min || value > max) {
            throw error("expected a whole number from " + min + " to " + max + ", got " + value);
        }
        return value;
    }

    /** This value as a number within [{@code min}, {@code max}]. */
    public double asDouble(double min, double max) {
        double value;
        try {
            if (kind != Kind.NUMBER && kind != Kind.STRING) {
                throw new NumberFormatException();
            }
            value = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw error("expected a number, got " + describe());
        }
        if (!(value >= min && value <= max)) {
            throw error("expected a number from " + min + " to " + max + ", got " + text);
        }
        return value;
    }

    /** This value as a duration: {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}, {@code 1d} or ISO-8601 {@code PT10S}. */
    public Duration asDuration() {
        if (kind == Kind.STRING) {
            Duration parsed = parseDuration(text);
            if (parsed != null) {
                return parsed;
            }
            if (isTooLargeDuration(text)) {
                throw error("expected a duration of at most " + MAX_DURATION_TEXT + ", got " + describe() + ", which is too large");
            }
        }
        throw error("expected a duration such as 10s, 500ms, 2m or PT10S, got " + describe());
    }

    /** The longest duration accepted anywhere: what fits in a {@code long} of nanoseconds (about 292 years). */
    /** The longest duration a configuration may give, as written. */
    public static final String MAX_DURATION_TEXT = "106751d";

    /**
     * Parses {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}, {@code 1d} or ISO-8601; {@code null} if it is
     * neither, or longer than {@value #MAX_DURATION_TEXT} (see {@link #isTooLargeDuration(String)}).
     */
    public static Duration parseDuration(String text) {
        try {
            return parseDurationOrFail(text);
        } catch (ArithmeticException | NumberFormatException e) {
            return null;
        }
    }

    /** Whether {@code text} is written as a duration but is longer than {@value #MAX_DURATION_TEXT}. */
    public static boolean isTooLargeDuration(String text) {
        try {
            parseDurationOrFail(text);
            return false;
        } catch (ArithmeticException | NumberFormatException e) {
            return true;
        }
    }

    private static Duration parseDurationOrFail(String text) {
        String t = text.trim();
        Matcher m = DURATION.matcher(t);
        Duration d;
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            switch (m.group(2)) {
                case "ms": d = Duration.ofMillis(n); break;
                case "s": d = Duration.ofSeconds(n); break;
                case "m": d = Duration.ofMinutes(n); break;
                case "h": d = Duration.ofHours(n); break;
                default: d = Duration.ofDays(n); break;
            }
        } else {
            try {
                d = Duration.parse(t);
            } catch (DateTimeParseException e) {
                if (e.getCause() instanceof ArithmeticException overflow) {
                    throw overflow;
                }
                return null;
            }
        }
        d.toNanos(); // throws ArithmeticException past about 292 years
        return d;
    }

    /** This value as one of {@code allowed} (case-insensitive), returned as listed there. */
    public String asChoice(Collection<String> allowed) {
        String value = asString();
        for (String candidate : allowed) {
            if (candidate.equalsIgnoreCase(value)) {
                return candidate;
            }
        }
        throw error(unknownMessage("value", value, allowed));
    }

    private void expect(Kind wanted, String description) {
        if (kind != wanted) {
            throw error("expected " + description + ", got " + describe());
        }
    }

    /** A short description of this value for error messages: {@code a list}, {@code 'abc'}, {@code the number 5}. */
    public String describe() {
        switch (kind) {
            case OBJECT: return "a mapping";
            case ARRAY: return "a list";
            case NULL: return "nothing (null)";
            case NUMBER: return "the number " + text;
            case BOOLEAN: return text;
            default:
                String shown = written != null ? written : text;
                return "'" + (shown.length() > 60 ? shown.substring(0, 57) + "..." : shown) + "'";
        }
    }

    /**
     * Whether {@code other} holds the same content as this node, wherever either was read from: the
     * same kinds, keys in any order, items in order and scalars written alike. A YAML document and its
     * JSON equivalent have equal content.
     */
    public boolean contentEquals(ConfigNode other) {
        if (other == null || kind != other.kind) {
            return false;
        }
        switch (kind) {
            case OBJECT:
                if (!fields.keySet().equals(other.fields.keySet())) {
                    return false;
                }
                for (Map.Entry<String, ConfigNode> e : fields.entrySet()) {
                    if (!e.getValue().contentEquals(other.fields.get(e.getKey()))) {
                        return false;
                    }
                }
                return true;
            case ARRAY:
                if (items.size() != other.items.size()) {
                    return false;
                }
                for (int i = 0; i < items.size(); i++) {
                    if (!items.get(i).contentEquals(other.items.get(i))) {
                        return false;
                    }
                }
                return true;
            default:
                return Objects.equals(text, other.text);
        }
    }

    /** A hash code consistent with {@link #contentEquals(ConfigNode)}. */
    public int contentHashCode() {
        switch (kind) {
            case OBJECT: {
                int h = 0;
                for (Map.Entry<String, ConfigNode> e : fields.entrySet()) {
                    h += e.getKey().hashCode() ^ e.getValue().contentHashCode();
                }
                return h;
            }
            case ARRAY: {
                int h = 1;
                for (ConfigNode item : items) {
                    h = 31 * h + item.contentHashCode();
                }
                return h;
            }
            default:
                return 31 * kind.hashCode() + Objects.hashCode(text);
        }
    }

    /** Describes the node by location only; never prints values (which may be keys). */
    @Override
    public String toString() {
        return "ConfigNode[" + kind + " at " + source + ":" + line + ":" + column
                + (path.isEmpty() ? "" : " " + path) + "]";
    }

    /**
     * {@code message} with every quote of {@code hidden} (whole, shortened, or bare when it is 4
     * characters or more) replaced by {@code shownAs} ({@code null}: "its value (not shown)"); unchanged
     * when nothing is hidden. For values that came from {@code ${...}}, a system property or an
     * environment variable, which may hold a key.
     */
    public static String conceal(String message, String hidden, String shownAs) {
        if (hidden == null || hidden.isEmpty() || message == null) {
            return message;
        }
        String quoted = shownAs == null ? "its value (not shown)" : "'" + shownAs + "'";
        String bare = shownAs == null ? "(not shown)" : shownAs;
        String out = message.replace("'" + (hidden.length() > 60 ? hidden.substring(0, 57) + "..." : hidden) + "'", quoted);
        if (hidden.length() >= 4) {
            out = out.replace(hidden, bare);
            if (hidden.length() > 60) {
                out = out.replace(hidden.substring(0, 57), bare);
            }
        }
        return out;
    }
}
