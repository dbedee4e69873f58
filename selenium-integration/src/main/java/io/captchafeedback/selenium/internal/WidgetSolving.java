package io.captchafeedback.selenium.internal;

import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.inject.InjectionResult;
import io.captchafeedback.solve.FoundWidget;
import io.captchafeedback.spi.FoundWidgets;
import io.captchafeedback.solve.SolveInProgress;
import io.captchafeedback.solve.SolvePolicy;
import io.captchafeedback.solve.SolvedInjection;
import io.captchafeedback.solve.Solver;
import io.captchafeedback.solve.WidgetNotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finding widgets in the current frame and its descendants (by frame switching, the current frame restored
 * afterwards), and the find → solve → inject → track call on one {@link Session}. Driver commands run on
 * the caller's thread only.
 */
public final class WidgetSolving {

    private static final Logger LOG = LoggerFactory.getLogger(WidgetSolving.class);
    /** How deep frames are searched below the current one. */
    private static final int MAX_DEPTH = 3;
    private static final String CALL = "return (" + FoundWidgets.script() + ")(arguments[0]);";

    /** A widget and where it is: the indexes of the frame elements from the current frame down. */
    private record Located(FoundWidget widget, List<Integer> frameIndexes) {
    }

    private final Session session;

    public WidgetSolving(Session session) {
        this.session = Objects.requireNonNull(session, "session == null");
    }

    /** Every widget in the current frame and its frames, {@code websiteURL} being the top page's URL. */
    public List<FoundWidget> find() {
        return locate().stream().map(Located::widget).toList();
    }

    /** Finds, solves the first widget found, injects into its frame and tracks the task. */
    public SolvedInjection solveAndInject(Solver solver, SolvePolicy policy) {
        Located located = first(solver, policy);
        var solution = solver.solve(located.widget(), policy);
        return new SolvedInjection(solution, inject(located, solution.task()));
    }

    /** Finds now, solves in the background; {@link SolveInProgress#inject()} injects on its caller's thread. */
    public SolveInProgress solveAndInjectAsync(Solver solver, SolvePolicy policy) {
        Located located = first(solver, policy);
        return new SolveInProgress(located.widget(), solver.solveAsync(located.widget(), policy),
                solution -> inject(located, solution.task()));
    }

    private Located first(Solver solver, SolvePolicy policy) {
        Objects.requireNonNull(solver, "solver == null");
        Objects.requireNonNull(policy, "policy == null");
        List<Located> found = locate();
        if (found.isEmpty()) {
            throw new WidgetNotFoundException(session.original.getCurrentUrl());
        }
        return found.get(0);
    }

    private InjectionResult inject(Located located, SolvedTask task) {
        List<Integer> path = located.frameIndexes();
        if (path.isEmpty()) {
            return session.inject(task, null);
        }
        WebDriver driver = session.original;
        int switched = 0;
        try {
            for (int i = 0; i < path.size() - 1; i++) {
                driver.switchTo().frame(frames(driver).get(path.get(i)));
                switched++;
            }
            return session.inject(task, frames(driver).get(path.get(path.size() - 1)));
        } finally {
            for (int i = 0; i < switched; i++) {
                driver.switchTo().parentFrame();
            }
        }
    }

    private List<Located> locate() {
        WebDriver driver = session.original;
        String topUrl = driver.getCurrentUrl(); // WebDriver's current URL is the top-level page's
        List<Located> found = new ArrayList<>();
        collect(driver, topUrl, List.of(), List.of(), found, MAX_DEPTH);
        return found;
    }

    private void collect(WebDriver driver, String topUrl, List<String> path, List<Integer> indexes,
            List<Located> found, int depth) {
        try {
            Object json = ((JavascriptExecutor) driver).executeScript(CALL, Map.of());
            if (json instanceof String s) {
                for (FoundWidget w : FoundWidgets.parse(s, topUrl, path)) {
                    found.add(new Located(w, indexes));
                }
            }
        } catch (WebDriverException | IllegalArgumentException e) {
            LOG.debug("widget finder could not run in frame {}: {}", path, Session.firstLine(e));
        }
        if (depth == 0) {
            return;
        }
        List<WebElement> children = frames(driver);
        for (int i = 0; i < children.size(); i++) {
            WebElement child = children.get(i);
            String name;
            try {
                name = frameName(child);
                driver.switchTo().frame(child);
            } catch (WebDriverException e) {
                continue; // gone meanwhile
            }
            try {
                collect(driver, topUrl, append(path, name), append(indexes, i), found, depth - 1);
            } finally {
                driver.switchTo().parentFrame();
            }
        }
    }

    private static List<WebElement> frames(WebDriver driver) {
        return driver.findElements(By.cssSelector("iframe, frame"));
    }

    private static String frameName(WebElement frame) {
        String name = frame.getAttribute("name");
        if (name == null || name.isBlank()) {
            name = frame.getAttribute("id");
        }
        if (name == null || name.isBlank()) {
            name = frame.getAttribute("src");
        }
        return name == null || name.isBlank() ? "(frame)" : name;
    }

    private static <T> List<T> append(List<T> list, T item) {
        List<T> copy = new ArrayList<>(list);
        copy.add(item);
        return List.copyOf(copy);
    }

}
