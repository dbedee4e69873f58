package io.captchafeedback.playwright.internal;

import com.microsoft.playwright.options.BindingCallback;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The one binding and init script per Playwright context or page. Playwright can neither remove a
 * binding nor an init script, so they are installed once per owner and route to the attachment of the
 * moment; with none they answer {@code false}, which keeps the page agent idle.
 */
final class BindingRouter implements BindingCallback {
    private static final Map<Object, BindingRouter> ROUTERS = new WeakHashMap<>();

    private volatile PlaywrightAttachment target;

    private BindingRouter() {
    }

    /** The router of this context or page; {@code installer} runs once, the first time. */
    static BindingRouter forOwner(Object owner, java.util.function.Consumer<BindingRouter> installer) {
        BindingRouter router;
        boolean fresh;
        synchronized (ROUTERS) {
            router = ROUTERS.get(owner);
            fresh = router == null;
            if (fresh) {
                router = new BindingRouter();
                ROUTERS.put(owner, router);
            }
        }
        if (fresh) {
            try {
                installer.accept(router);
            } catch (RuntimeException e) {
                synchronized (ROUTERS) {
                    ROUTERS.remove(owner);
                }
                throw e;
            }
        }
        return router;
    }

    void route(PlaywrightAttachment attachment) {
        if (attachment != null && target != null && target != attachment) {
            throw new IllegalStateException("captcha-feedback is already attached here; close that attachment first");
        }
        target = attachment;
    }

    void release(PlaywrightAttachment attachment) {
        if (target == attachment) {
            target = null;
        }
    }

    @Override
    public Object call(Source source, Object... args) {
        PlaywrightAttachment current = target;
        if (current == null || args.length == 0 || !(args[0] instanceof String json)) {
            return false;
        }
        return current.onPush(source.page(), json);
    }
}
