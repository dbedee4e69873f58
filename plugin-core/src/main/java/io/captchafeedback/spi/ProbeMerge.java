package io.captchafeedback.spi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges the probe results of several documents watched for one task (the top page, its frames, popups)
 * into the one result a {@link io.captchafeedback.spi.Detection} reads: a check holds when it holds in
 * any document (its excerpt comes from the first that has it), cookies and widget logs are united, and
 * everything else (the URL first) is the primary document's. Both engine integrations use it, so a
 * rule file gives the same verdict on both.
 *
 * <pre>{@code
 * Map<String, Object> merged = ProbeMerge.merge(topResult, List.of(topResult, frameResult, popupResult));
 * detection.onProbe(merged);
 * }</pre>
 *
 * <p>Stateless and thread-safe. Not public API.
 */
public final class ProbeMerge {

    private ProbeMerge() {
    }

    /**
     * @param primary the result of the document the task was injected into (or the top page), may be null
     * @param results every result to merge, the primary included; results of another shape are skipped
     * @return the merged result, or {@code primary} when there is nothing to merge
     */
    public static Map<String, ?> merge(Map<String, ?> primary, List<? extends Map<String, ?>> results) {
        List<Map<String, ?>> usable = new ArrayList<>();
        for (Map<String, ?> r : results) {
            if (r != null && r.get("c") instanceof List<?>) {
                usable.add(r);
            }
        }
        Map<String, ?> base = primary != null && primary.get("c") instanceof List<?> ? primary
                : usable.isEmpty() ? primary : usable.get(0);
        if (base == null || usable.size() <= 1) {
            return base;
        }
        int checks = ((List<?>) base.get("c")).size();
        Map<String, Object> out = new LinkedHashMap<>(base);
        List<Object> c = new ArrayList<>(checks);
        for (int i = 0; i < checks; i++) {
            Object chosen = ((List<?>) base.get("c")).get(i);
            for (Map<String, ?> r : usable) {
                List<?> list = (List<?>) r.get("c");
                if (list.size() == checks && list.get(i) instanceof Map<?, ?> check && Boolean.TRUE.equals(check.get("m"))) {
                    chosen = check;
                    break;
                }
            }
            c.add(chosen);
        }
        out.put("c", c);
        Set<Object> cookies = new LinkedHashSet<>();
        List<Object> resets = new ArrayList<>();
        List<Object> renders = new ArrayList<>();
        for (Map<String, ?> r : usable) {
            if (r.get("cookies") instanceof List<?> l) {
                cookies.addAll(l);
            }
            if (r.get("resets") instanceof List<?> l) {
                resets.addAll(l);
            }
            if (r.get("renders") instanceof List<?> l) {
                renders.addAll(l);
            }
        }
        out.put("cookies", new ArrayList<>(cookies));
        out.put("resets", resets);
        out.put("renders", renders);
        return out;
    }
}
