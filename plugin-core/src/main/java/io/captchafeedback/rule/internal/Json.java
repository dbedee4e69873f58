package io.captchafeedback.rule.internal;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** JSON helpers for the rule engine (pointer checks, literals, JavaScript string literals). Not public API. */
public final class Json {

    /** The shared mapper; thread-safe once configured. */
    public static final ObjectMapper MAPPER = new ObjectMapper();

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

    /** The problem with a JSON literal, or {@code null}. */
    public static String literalProblem(String literal) {
        JsonNode node = parse(literal);
        if (node == null || node.isContainerNode()) {
            return "expected a JSON text, number, boolean or null, got " + literal;
        }
        return null;
    }

    /** The JSON literal of a String, Number, Boolean or {@code null}. */
    public static String literal(Object value) {
        if (value == null) {
            return "null";
        }
        if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
            throw new IllegalArgumentException("expected a String, Number, Boolean or null, got " + value.getClass().getName());
        }
        return write(value);
    }

    /** The value as JSON (a JavaScript literal for strings, lists and maps of them). */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Parses JSON text; {@code null} when it is not JSON. */
    public static JsonNode parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return MAPPER.readTree(text);
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
