package io.captchafeedback.playwright.internal;

import com.microsoft.playwright.Frame;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.inject.InjectionResult;
import io.captchafeedback.playwright.Attachment;
import io.captchafeedback.solve.FoundWidget;
import io.captchafeedback.spi.FoundWidgets;
import io.captchafeedback.solve.SolveInProgress;
import io.captchafeedback.solve.SolvePolicy;
import io.captchafeedback.solve.SolvedInjection;
import io.captchafeedback.solve.Solver;
import io.captchafeedback.solve.WidgetNotFoundException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finding widgets in a page's frame tree (every frame, same- and cross-origin) and the find → solve →
 * inject → track call for {@link Attachment}. Playwright is called on the caller's thread only.
 */
public final class WidgetSolving {

    private static final Logger LOG = LoggerFactory.getLogger(WidgetSolving.class);

    private record Located(FoundWidget widget, Frame frame) {
    }

    private WidgetSolving() {
    }

    /** Every widget in the page and its frames, {@code websiteURL} being the page's URL. */
    public static List<FoundWidget> find(Page page) {
        return locate(page).stream().map(Located::widget).toList();
    }

    /** Finds, solves the first widget, injects into its frame through the attachment, which tracks it. */
    public static SolvedInjection solveAndInject(Attachment attachment, Page page, Solver solver, SolvePolicy policy) {
        Located located = first(page, solver, policy);
        var solution = solver.solve(located.widget(), policy);
        return new SolvedInjection(solution, inject(attachment, page, located, solution.task()));
    }

    /** Finds now and solves in the background; the injection happens on the thread calling {@code inject()}. */
    public static SolveInProgress solveAndInjectAsync(Attachment attachment, Page page, Solver solver, SolvePolicy policy) {
        Located located = first(page, solver, policy);
        return new SolveInProgress(located.widget(), solver.solveAsync(located.widget(), policy),
                solution -> inject(attachment, page, located, solution.task()));
    }

    private static Located first(Page page, Solver solver, SolvePolicy policy) {
        Objects.requireNonNull(solver, "solver == null");
        Objects.requireNonNull(policy, "policy == null");
        List<Located> found = locate(page);
        if (found.isEmpty()) {
            throw new WidgetNotFoundException(page.url());
        }
        return found.get(0);
    }

    private static InjectionResult inject(Attachment attachment, Page page, Located located, SolvedTask task) {
        Frame frame = located.frame();
        return frame == page.mainFrame() ? attachment.inject(page, task) : attachment.inject(frame, task);
    }

    private static List<Located> locate(Page page) {
        Objects.requireNonNull(page, "page == null");
        String topUrl = page.url();
        List<Located> found = new ArrayList<>();
        for (Frame frame : page.frames()) { // main frame first, then descendants in document order
            if (frame.isDetached()) {
                continue;
            }
            List<String> path = path(frame);
            try {
                Object json = frame.evaluate(FoundWidgets.script(), Map.of());
                if (json instanceof String s) {
                    for (FoundWidget w : FoundWidgets.parse(s, topUrl, path)) {
                        found.add(new Located(w, frame));
                    }
                }
            } catch (PlaywrightException | IllegalArgumentException e) {
                LOG.debug("widget finder could not run in frame {}: {}", path, firstLine(e));
            }
        }
        return found;
    }

    private static List<String> path(Frame frame) {
        List<String> path = new ArrayList<>();
        for (Frame f = frame; f.parentFrame() != null; f = f.parentFrame()) {
            String name = f.name();
            path.add(name == null || name.isBlank() ? f.url() : name);
        }
        Collections.reverse(path);
        return path;
    }

    private static String firstLine(Exception e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse("");
    }
}
