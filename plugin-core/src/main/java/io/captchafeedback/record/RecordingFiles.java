package io.captchafeedback.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes recordings as readable JSON files, one per flow.
 *
 * <!-- java: given Recording recording -->
 * <pre>{@code
 * RecordingFiles.write(Path.of("login-good.json"), recording.withLabel(Label.ACCEPTED));
 * Recording r = RecordingFiles.read(Path.of("login-good.json"));
 * }</pre>
 *
 * <p>Stateless; safe to use from any thread.
 */
public final class RecordingFiles {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RecordingFiles() {
    }

    /** Writes the recording, creating parent directories. */
    public static void write(Path file, Recording recording) {
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            Files.writeString(file, toJson(recording) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write recording " + file + ": " + e.getMessage(), e);
        }
    }

    /** The recording as indented JSON. */
    public static String toJson(Recording r) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("flow", r.flow());
        root.put("label", r.label().name().toLowerCase().replace('_', '-'));
        root.put("startUrl", r.startUrl());
        root.put("durationMs", r.durationMs());
        ArrayNode events = root.putArray("events");
        for (RecordedEvent e : r.events()) {
            ObjectNode n = events.addObject();
            n.put("atMs", e.atMs());
            if (e instanceof RecordedEvent.UrlChanged u) {
                n.put("type", "url").put("url", u.url());
            } else if (e instanceof RecordedEvent.Response x) {
                n.put("type", "response").put("method", x.method()).put("url", x.url()).put("status", x.status());
                if (x.contentType() != null) {
                    n.put("contentType", x.contentType());
                }
                ObjectNode f = n.putObject("fields");
                x.fields().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(en -> f.put(en.getKey(), en.getValue()));
            } else if (e instanceof RecordedEvent.Text t) {
                n.put("type", t.appeared() ? "textAppeared" : "textDisappeared").put("selector", t.selector()).put("text", t.text());
            } else if (e instanceof RecordedEvent.CookieSet c) {
                n.put("type", "cookie").put("name", c.name());
                if (c.attributes() != null) {
                    n.put("attributes", c.attributes());
                }
            } else if (e instanceof RecordedEvent.Dialog d) {
                n.put("type", "dialog").put("dialog", d.type()).put("message", d.message());
            } else if (e instanceof RecordedEvent.Widget w) {
                n.put("type", "widget").put("widget", w.widget()).put("kind", w.kind());
            }
        }
        try {
            return MAPPER.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a recording.
     *
     * @throws IllegalArgumentException naming the file and the place of the problem
     */
    public static Recording read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage(), e);
        }
        try {
            return fromJson(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** Parses a recording from JSON text. */
    public static Recording fromJson(String text) {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (IOException e) {
            String msg = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
            throw new IllegalArgumentException("not JSON: " + msg);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("expected a JSON object with flow, label, startUrl, events");
        }
        String flow = required(root, "flow", "");
        String startUrl = required(root, "startUrl", "");
        Label label = Label.parse(root.path("label").asText(""));
        List<RecordedEvent> events = new ArrayList<>();
        JsonNode list = root.path("events");
        if (!list.isArray()) {
            throw new IllegalArgumentException("events: expected a list");
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode n = list.get(i);
            String at = "events[" + i + "].";
            long ms = n.path("atMs").asLong(0);
            String type = required(n, "type", at);
            events.add(switch (type) {
                case "url" -> new RecordedEvent.UrlChanged(required(n, "url", at), ms);
                case "response" -> {
                    Map<String, String> fields = new LinkedHashMap<>();
                    n.path("fields").fields().forEachRemaining(en -> fields.put(en.getKey(), en.getValue().asText()));
                    yield new RecordedEvent.Response(n.hasNonNull("method") ? n.get("method").asText() : null, required(n, "url", at),
                            n.path("status").asInt(0), n.hasNonNull("contentType") ? n.get("contentType").asText() : null,
                            fields, ms);
                }
                case "textAppeared", "textDisappeared" -> new RecordedEvent.Text(required(n, "selector", at),
                        required(n, "text", at), type.equals("textAppeared"), ms);
                case "cookie" -> new RecordedEvent.CookieSet(required(n, "name", at),
                        n.hasNonNull("attributes") ? n.get("attributes").asText() : null, ms);
                case "dialog" -> new RecordedEvent.Dialog(required(n, "dialog", at), n.path("message").asText(""), ms);
                case "widget" -> new RecordedEvent.Widget(required(n, "widget", at), required(n, "kind", at), ms);
                default -> throw new IllegalArgumentException(at + "type: unknown event type '" + type
                        + "'; expected one of: cookie, dialog, response, textAppeared, textDisappeared, url, widget");
            });
        }
        return new Recording(flow, label, startUrl, root.path("durationMs").asLong(0), events);
    }

    private static String required(JsonNode n, String key, String at) {
        JsonNode v = n.get(key);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw new IllegalArgumentException(at + key + ": missing (expected a text)");
        }
        return v.asText();
    }
}
