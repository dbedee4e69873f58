/**
 * Token injection, the same for every browser engine: one in-page script ({@link io.captchafeedback.spi.Injection})
 * writes a solved task's token into the widget's response fields and calls the widget's callback, and
 * reports what it did as an {@link io.captchafeedback.inject.InjectionResult}.
 *
 * <pre>{@code
 * import io.captchafeedback.spi.Injection;
 *
 * Object raw = ((JavascriptExecutor) driver).executeScript(Injection.statement(), Injection.argument(task));
 * InjectionResult result = Injection.parse(task.type(), raw).orThrow();
 * }</pre>
 */
package io.captchafeedback.inject;
