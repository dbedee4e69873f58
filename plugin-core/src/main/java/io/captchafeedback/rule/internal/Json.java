package io.captchafeedback.rule.internal;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.regex.Pattern;

/**
 * JSON helpers for the rule engine: pointer and literal checks, string literals for the probe (written
 * without a mapper so that compiling rules stays cheap at start-up), and parsing of response bodies.
 * Not public API.
 */
public final class Json {

    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?");

    /** The mapper, created on first use (only response bodies and pushed events need it). */
    private static final class Mapper {
        static final ObjectMapper INSTANCE = new ObjectMapper();
    }

    private Json() {
    }

    /** The problem with a JSON pointer, or {@code null}. */
    public static String pointerProblem(String pointer) {
        try {
            JsonPointer.compile(pointer);
            return null;
        } catch (IllegalArgumentException e) {
            return "invalid JSON pointer '" + pointer + "': expected '' or a path such as /success or /error-codes/0";
        }
    }

    /** The problem with a JSON scalar literal, or {@code null}. */
    public static String literalProblem(String literal) {
        if (literal.equals("true") || literal.equals("false") || literal.equals("null") || NUMBER.matcher(literal).matches()) {
            return null;
        }
        if (literal.length() >= 2 && literal.startsWith("\"") && literal.endsWith("\"")) {
            JsonNode node = parse(literal);
            if (node != null && node.isTextual()) {
                return null;
            }
        }
        return "expected a JSON text, number, boolean or null, got " + literal;
    }

    /** The JSON literal of a String, Number, Boolean or {@code null}. */
    public static String literal(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            return write(s);
        }
        if (value instanceof Boolean || value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte) {
            return String.valueOf(value);
        }
        if (value instanceof Number n) {
            String text = n.toString();
            if (NUMBER.matcher(text).matches()) {
                return text;
            }
            throw new IllegalArgumentException("not a JSON number: " + text);
        }
        throw new IllegalArgumentException("expected a String, Number, Boolean or null, got " + value.getClass().getName());
    }

    /** A JSON (and JavaScript) string literal; {@code null} gives {@code null}. */
    public static String write(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                default:
                    if (c < 0x20 || c == '\u2028' || c == '\u2029' || c == '<' || c == '>') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        return out.append('"').toString();
    }

    /** A JSON (and JavaScript) array of string literals. */
    public static String write(List<String> values) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            out.append(i == 0 ? "" : ",").append(write(values.get(i)));
        }
        return out.append(']').toString();
    }

    /** Parses JSON text; {@code null} when it is not JSON. */
    public static JsonNode parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Mapper.INSTANCE.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** Whether two JSON scalars are equal (numbers by value). */
    public static boolean sameValue(JsonNode a, JsonNode b) {
        if (a == null || b == null || a.isMissingNode() || b.isMissingNode()) {
            return false;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }
}
