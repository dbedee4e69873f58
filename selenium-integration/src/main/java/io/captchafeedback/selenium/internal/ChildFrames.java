package io.captchafeedback.selenium.internal;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks the child frames of the driver's current frame with classic WebDriver commands
 * ({@code switchTo().frame(element)} in, {@code switchTo().parentFrame()} out), depth first, in document
 * order, at most {@link #MAX_PER_LEVEL} frames per level. The driver is back in the frame it started in
 * afterwards, also when a visit throws: the user's driver is never left in another frame.
 *
 * <pre>{@code
 * Optional<InjectionResult> done = ChildFrames.first(driver, 2, () -> injectHere().filter(InjectionResult::injected));
 * }</pre>
 *
 * <p>Not thread-safe: use it on the thread that drives the driver. Not public API.
 */
final class ChildFrames {
    private static final Logger LOG = LoggerFactory.getLogger(ChildFrames.class);
    /** The most frames visited per level: a page of many ad frames does not stretch a probe. */
    static final int MAX_PER_LEVEL = 8;

    private ChildFrames() {
    }

    /**
     * Runs {@code visit} in each child frame, {@code depth} levels deep, until one gives an answer.
     *
     * @return the first answer, or empty when no frame gave one
     */
    static <T> Optional<T> first(WebDriver driver, int depth, Supplier<Optional<T>> visit) {
        if (depth <= 0) {
            return Optional.empty();
        }
        List<WebElement> children = driver.findElements(By.cssSelector("iframe, frame"));
        for (WebElement child : children.subList(0, Math.min(children.size(), MAX_PER_LEVEL))) {
            try {
                driver.switchTo().frame(child);
            } catch (WebDriverException e) {
                continue; // gone meanwhile
            }
            try {
                Optional<T> found = visit.get();
                if (found.isEmpty()) {
                    found = first(driver, depth - 1, visit);
                }
                if (found.isPresent()) {
                    return found;
                }
            } catch (WebDriverException e) {
                LOG.debug("a child frame could not be visited: {}", Session.firstLine(e));
            } finally {
                driver.switchTo().parentFrame();
            }
        }
        return Optional.empty();
    }
}
