package io.captchafeedback.selenium;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A headless Chromium screenshot of one element of a written verdict report, to check what a person
 * would see: the element is on screen and its pixels have the chart's colours.
 */
final class ReportScreenshot {
    private final BufferedImage image;
    private final int x;
    private final int y;
    private final int width;
    private final int height;

    private ReportScreenshot(BufferedImage image, int x, int y, int width, int height) {
        this.image = image;
        this.x = x;
        this.y = y;
        this.width = width;
        this.height = height;
    }

    /** Opens {@code html} in {@code driver}, scrolls the element with {@code id} into view and shoots the viewport. */
    static ReportScreenshot of(ChromeDriver driver, Path html, String id) {
        driver.get(html.toUri().toString());
        WebElement chart = driver.findElement(By.id(id));
        @SuppressWarnings("unchecked")
        Map<String, Number> box = (Map<String, Number>) ((JavascriptExecutor) driver).executeScript("""
                const el = arguments[0];
                el.scrollIntoView({block: 'start'});
                const r = el.getBoundingClientRect();
                return {x: r.left, y: r.top, w: r.width, h: r.height, vw: window.innerWidth};""", chart);
        byte[] png = driver.getScreenshotAs(OutputType.BYTES);
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(png));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        double scale = image.getWidth() / box.get("vw").doubleValue();
        assertThat(box.get("w").doubleValue()).as("chart width").isPositive();
        int x0 = (int) Math.max(0, box.get("x").doubleValue() * scale);
        int y0 = (int) Math.max(0, box.get("y").doubleValue() * scale);
        int w = (int) Math.min(image.getWidth() - x0, box.get("w").doubleValue() * scale);
        int h = (int) Math.min(image.getHeight() - y0, box.get("h").doubleValue() * scale);
        assertThat(w).as("chart visible in the viewport").isPositive();
        assertThat(h).as("chart visible in the viewport").isPositive();
        return new ReportScreenshot(image, x0, y0, w, h);
    }

    /** How many pixels inside the element are {@code rgb}, within a small tolerance for anti-aliasing. */
    long pixels(int rgb) {
        long n = 0;
        for (int j = y; j < y + height; j++) {
            for (int i = x; i < x + width; i++) {
                int p = image.getRGB(i, j);
                if (close(p >> 16 & 0xff, rgb >> 16 & 0xff) && close(p >> 8 & 0xff, rgb >> 8 & 0xff) && close(p & 0xff, rgb & 0xff)) {
                    n++;
                }
            }
        }
        return n;
    }

    private static boolean close(int a, int b) {
        return Math.abs(a - b) <= 6;
    }

}
