package io.captchafeedback.solve;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which providers to try, in order, and on which errors to move to the next one. By default a provider
 * that is out of money ({@link SolveException.ZeroBalance}), could not solve the widget
 * ({@link SolveException.Unsolvable}) or takes no task for it ({@link SolveException.Unsupported}) hands
 * over to the next; any other error ends the solve.
 *
 * <pre>{@code
 * SolvePolicy policy = SolvePolicy.builder()
 *         .order("capsolver", "anticaptcha")
 *         .fallbackOn(SolveException.Timeout.class)     // also move on after a timeout
 *         .build();
 * Solution solution = solver.solve(widget, policy);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class SolvePolicy {
    private final List<String> order;
    private final Set<Class<? extends SolveException>> fallbackOn;

    private SolvePolicy(List<String> order, Set<Class<? extends SolveException>> fallbackOn) {
        this.order = order;
        this.fallbackOn = fallbackOn;
    }

    /** A policy that tries the given providers in order, with the default fallback errors. */
    public static SolvePolicy of(String... providerIds) {
        return builder().order(providerIds).build();
    }

    /** Starts a builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The provider ids, in the order they are tried. */
    public List<String> order() {
        return order;
    }

    /** Whether {@code error} hands over to the next provider. */
    public boolean fallsBackOn(SolveException error) {
        return fallbackOn.stream().anyMatch(c -> c.isInstance(error));
    }

    @Override
    public String toString() {
        List<String> names = new ArrayList<>();
        fallbackOn.forEach(c -> names.add(c.getSimpleName()));
        return "SolvePolicy[order=" + order + ", fallbackOn=" + names + "]";
    }

    /** Builds a {@link SolvePolicy}; not thread-safe. */
    public static final class Builder {
        private final List<String> order = new ArrayList<>();
        private final Set<Class<? extends SolveException>> fallbackOn = new LinkedHashSet<>(List.of(
                SolveException.ZeroBalance.class, SolveException.Unsolvable.class, SolveException.Unsupported.class));

        private Builder() {
        }

        /** Adds providers to try, in order. */
        public Builder order(String... providerIds) {
            for (String id : providerIds) {
                Objects.requireNonNull(id, "provider id == null");
                if (order.contains(id)) {
                    throw new IllegalArgumentException("provider '" + id + "' is listed twice");
                }
                order.add(id);
            }
            return this;
        }

        /** Also moves to the next provider on these errors. */
        @SafeVarargs
        public final Builder fallbackOn(Class<? extends SolveException>... errors) {
            for (Class<? extends SolveException> e : errors) {
                fallbackOn.add(Objects.requireNonNull(e, "error class == null"));
            }
            return this;
        }

        /** Moves to the next provider only on these errors (replaces the defaults). */
        @SafeVarargs
        public final Builder fallbackOnlyOn(Class<? extends SolveException>... errors) {
            fallbackOn.clear();
            return fallbackOn(errors);
        }

        /** The policy; fails when no provider was given. */
        public SolvePolicy build() {
            if (order.isEmpty()) {
                throw new IllegalStateException("no provider to try: call order(...)");
            }
            return new SolvePolicy(List.copyOf(order), Set.copyOf(fallbackOn));
        }
    }
}
