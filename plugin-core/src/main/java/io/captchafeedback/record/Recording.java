package io.captchafeedback.record;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the page of one tracked task did after the injection, until a quiet period or a timeout.
 *
 * <!-- java: given Recorder recorder; Path dir -->
 * <pre>{@code
 * Recording r = recorder.finish();
 * RecordingFiles.write(dir.resolve("login-good.json"), r.withLabel(Label.ACCEPTED));
 * }</pre>
 *
 * @param flow a name for the flow (file names, tables)
 * @param label what the run was, or {@link Label#UNLABELLED}
 * @param startUrl the page's URL at the injection (no query)
 * @param durationMs how long the recording ran
 * @param events what happened, in order
 *
 * <p>Immutable; safe to share between threads.
 */
public record Recording(String flow, Label label, String startUrl, long durationMs, List<RecordedEvent> events) {

    public Recording {
        Objects.requireNonNull(flow, "flow == null");
        label = label == null ? Label.UNLABELLED : label;
        Objects.requireNonNull(startUrl, "startUrl == null");
        events = List.copyOf(events);
    }

    /** This recording with another label. */
    public Recording withLabel(Label label) {
        return new Recording(flow, label, startUrl, durationMs, events);
    }

    /** The last URL seen (the start URL if it never changed). */
    public String finalUrl() {
        String url = startUrl;
        for (RecordedEvent e : events) {
            if (e instanceof RecordedEvent.UrlChanged u) {
                url = u.url();
            }
        }
        return url;
    }

    /**
     * A short summary of what was observed, for an UNKNOWN verdict's evidence, for example
     * {@code "2 responses (POST /api/verify 200), url unchanged, 1 text appeared (.msg \"Try again\")"}.
     */
    public String summary() {
        List<String> parts = new ArrayList<>();
        List<String> responses = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        List<String> other = new ArrayList<>();
        for (RecordedEvent e : events) {
            if (e instanceof RecordedEvent.Response r) {
                responses.add((r.method() == null ? "" : r.method() + " ") + Recorder.pathOf(r.url()) + " " + r.status());
            } else if (e instanceof RecordedEvent.Text t && t.appeared()) {
                texts.add(t.selector() + " \"" + t.text() + "\"");
            } else if (e instanceof RecordedEvent.CookieSet c) {
                other.add("cookie " + c.name());
            } else if (e instanceof RecordedEvent.Widget w) {
                other.add(w.widget() + "." + w.kind());
            } else if (e instanceof RecordedEvent.Dialog d) {
                other.add(d.type() + " \"" + d.message() + "\"");
            }
        }
        parts.add(responses.size() + " responses" + (responses.isEmpty() ? "" : " (" + String.join(", ", cap(responses)) + ")"));
        String end = finalUrl();
        parts.add(end.equals(startUrl) ? "url unchanged" : "url now " + end);
        parts.add(texts.size() + " texts appeared" + (texts.isEmpty() ? "" : " (" + String.join(", ", cap(texts)) + ")"));
        if (!other.isEmpty()) {
            parts.add(String.join(", ", cap(other)));
        }
        return String.join("; ", parts);
    }

    private static List<String> cap(List<String> list) {
        if (list.size() <= 3) {
            return list;
        }
        List<String> out = new ArrayList<>(list.subList(0, 3));
        out.add("+" + (list.size() - 3) + " more");
        return out;
    }
}
