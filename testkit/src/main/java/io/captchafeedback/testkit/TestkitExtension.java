package io.captchafeedback.testkit;


import io.captchafeedback.testkit.emulator.ProviderEmulator;
import io.captchafeedback.testkit.site.DemoSite;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that hands a {@link ProviderEmulator} and a {@link DemoSite} to test constructors,
 * lifecycle methods and test methods: one of each per test class, started on first use, the emulator
 * {@linkplain ProviderEmulator#reset() reset} before each test, both closed by JUnit (5.13 or later)
 * when the class is done.
 *
 * <pre>{@code
 * import io.captchafeedback.testkit.emulator.ProviderEmulator;
 * import io.captchafeedback.testkit.site.DemoSite;
 *
 * @ExtendWith(TestkitExtension.class)
 * class LoginRulesTest {
 *     @Test
 *     void aRefusedTokenIsReported(ProviderEmulator emulator, DemoSite site) {
 *         // ...
 *     }
 * }
 * }</pre>
 *
 * <p>Needs {@code junit-jupiter-api} on the class path. Stateless and thread-safe; the instances live in
 * JUnit's store.
 */
public final class TestkitExtension implements ParameterResolver, BeforeEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TestkitExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == ProviderEmulator.class || type == DemoSite.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ExtensionContext classContext = classContext(context);
        return parameter.getParameter().getType() == DemoSite.class ? site(classContext) : emulator(classContext);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        ProviderEmulator emulator = classContext(context).getStore(NAMESPACE).get(ProviderEmulator.class, ProviderEmulator.class);
        if (emulator != null) {
            emulator.reset();
            emulator.faults().up();
        }
    }

    private static ProviderEmulator emulator(ExtensionContext classContext) {
        return classContext.getStore(NAMESPACE)
                .getOrComputeIfAbsent(ProviderEmulator.class, k -> ProviderEmulator.start(), ProviderEmulator.class);
    }

    private static DemoSite site(ExtensionContext classContext) {
        ProviderEmulator emulator = emulator(classContext);
        return classContext.getStore(NAMESPACE)
                .getOrComputeIfAbsent(DemoSite.class, k -> DemoSite.start(emulator), DemoSite.class);
    }

    /** The context of the test class (or of the outermost context when there is none). */
    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext c = context;
        while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
            c = c.getParent().get();
        }
        return c;
    }
}
