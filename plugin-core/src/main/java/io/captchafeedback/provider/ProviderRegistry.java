package io.captchafeedback.provider;

import io.captchafeedback.config.ConfigException;
import io.captchafeedback.config.ConfigNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * The configured providers: one {@link ProviderAdapter} per {@link ProviderSettings}, all calling
 * through one shared {@link OkHttpClient} (one connection pool, one dispatcher; each provider gets its
 * own timeout on a client derived with {@code newBuilder()}).
 *
 * <p>Adapters are created by the first {@link ProviderAdapter.Factory} that takes the settings' type:
 * the built-in factory (types in {@link ProviderTypes}) first, then factories found with
 * {@link ServiceLoader} under {@code META-INF/services/io.captchafeedback.provider.ProviderAdapter$Factory}
 * in class-path order ({@link #discover(ClassLoader)}; one class loader: the one given, else
 * {@link #defaultClassLoader()}, the thread's context class loader falling back to the library's).
 *
 * <pre>{@code
 * try (ProviderRegistry providers = ProviderRegistry.create(List.of(
 *         ProviderSettings.of("ucaptcha", ProviderTypes.UCAPTCHA, ApiKey.of(System.getenv("UCAPTCHA_KEY")))))) {
 *     providers.adapter("ucaptcha").ifPresent(adapter -> adapter.send(Feedback.rejected(task)));
 * }
 * }</pre>
 *
 * <p>A client this registry creates runs calls on daemon threads named {@code captcha-feedback-http-N}
 * and allows {@value #MAX_REQUESTS_PER_HOST} concurrent requests per host. {@link #close()} releases the
 * client's threads and connections only when this registry created the client. {@link #toString()} shows ids and types, never keys. Immutable after creation and
 * thread-safe.
 */
public final class ProviderRegistry implements AutoCloseable {

    /** Concurrent requests per provider host on a client this registry creates (lets a reporter pipeline). */
    static final int MAX_REQUESTS_PER_HOST = 64;
    static final int MAX_REQUESTS = 256;

    private final Map<String, ProviderAdapter> adapters;
    private final Map<String, String> types;
    private final Map<String, ProviderSettings> settings;
    private final OkHttpClient client;
    private final boolean ownsClient;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ProviderRegistry(Map<String, ProviderAdapter> adapters, Map<String, String> types,
            Map<String, ProviderSettings> settings, OkHttpClient client, boolean ownsClient) {
        this.adapters = adapters;
        this.types = types;
        this.settings = settings;
        this.client = client;
        this.ownsClient = ownsClient;
    }

    /**
     * Creates the adapters on a new shared client, which {@link #close()} releases. Third-party factories
     * are looked for in {@link #defaultClassLoader()}.
     *
     * @throws ConfigException naming the provider when a type is unknown, an id is configured twice or
     *     a provider's settings are invalid
     */
    public static ProviderRegistry create(List<ProviderSettings> settings) {
        Objects.requireNonNull(settings, "settings == null");
        return create(settings, Factories.lazy(defaultClassLoader()));
    }

    /**
     * Creates the adapters on a new shared client, with third-party factories already found by
     * {@link #discover(ClassLoader)} (the configuration passes those it found when it was built, so that
     * discovery runs once).
     *
     * @throws ConfigException as {@link #create(List)}
     */
    public static ProviderRegistry createWith(List<ProviderSettings> settings, List<ProviderAdapter.Factory> discovered) {
        Objects.requireNonNull(settings, "settings == null");
        Objects.requireNonNull(discovered, "discovered == null");
        return create(settings, Factories.of(discovered));
    }

    private static ProviderRegistry create(List<ProviderSettings> settings, Factories factories) {
        OkHttpClient client = newClient();
        try {
            return create(settings, client, true, factories);
        } catch (RuntimeException e) {
            release(client);
            throw e;
        }
    }

    /**
     * Creates the adapters on the caller's client (derived per provider with {@code newBuilder()}, so its
     * pool and dispatcher are shared). {@link #close()} leaves that client alone.
     *
     * @throws ConfigException naming the provider when a type is unknown, an id is configured twice or
     *     a provider's settings are invalid
     */
    public static ProviderRegistry create(List<ProviderSettings> settings, OkHttpClient client) {
        Objects.requireNonNull(settings, "settings == null");
        Objects.requireNonNull(client, "client == null");
        return create(settings, client, false, Factories.lazy(defaultClassLoader()));
    }

    /**
     * The class loader third-party {@link ProviderAdapter.Factory} implementations are looked for in when
     * none is given: the calling thread's context class loader, or the library's own when the thread has
     * none.
     */
    public static ClassLoader defaultClassLoader() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return loader != null ? loader : ProviderRegistry.class.getClassLoader();
    }

    /**
     * The third-party adapter factories {@link ServiceLoader} finds in {@code loader} under
     * {@code META-INF/services/io.captchafeedback.provider.ProviderAdapter$Factory}, in class-path order
     * (the built-in factory is not among them; it is always tried first).
     *
     * @throws ConfigException when a listed factory cannot be loaded
     */
    public static List<ProviderAdapter.Factory> discover(ClassLoader loader) {
        Objects.requireNonNull(loader, "loader == null");
        List<ProviderAdapter.Factory> factories = new ArrayList<>();
        try {
            for (ProviderAdapter.Factory factory : ServiceLoader.load(ProviderAdapter.Factory.class, loader)) {
                if (!(factory instanceof BuiltInAdapters)) {
                    factories.add(factory);
                }
            }
        } catch (ServiceConfigurationError e) {
            throw new ConfigException(null, 0, 0, "providers", "cannot load a provider adapter factory listed in"
                    + " META-INF/services/" + ProviderAdapter.Factory.class.getName() + ": " + e.getMessage(), e);
        }
        return List.copyOf(factories);
    }

    /**
     * Checks one provider's settings as creating its adapter would (type known, options taken, base URL
     * usable) and throws what creating would throw, with the key path of the bad setting
     * ({@code providers.<id>.options.<name>}). A built-in type is checked without creating anything; a
     * third-party type by creating (and dropping) an adapter on a client that never sends.
     *
     * @param discovered the third-party factories, as {@link #discover(ClassLoader)} found them
     * @throws ConfigException when the settings are invalid
     */
    public static void check(ProviderSettings settings, List<ProviderAdapter.Factory> discovered) {
        Objects.requireNonNull(settings, "settings == null");
        Objects.requireNonNull(discovered, "discovered == null");
        if (BuiltInAdapters.INSTANCE.check(settings)) {
            return;
        }
        ProviderAdapter adapter = fromFactories(discovered, settings, CheckClient.INSTANCE);
        if (adapter == null) {
            throw unknownType(settings, discovered);
        }
        checkId(settings, adapter);
    }

    /** A client for adapters created only to be checked: never called, so it never starts a thread. */
    private static final class CheckClient {
        static final OkHttpClient INSTANCE = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
    }

    /** The third-party factories: given, or discovered on first need. */
    private static final class Factories {
        private final ClassLoader loader;
        private List<ProviderAdapter.Factory> found;

        private Factories(ClassLoader loader, List<ProviderAdapter.Factory> found) {
            this.loader = loader;
            this.found = found;
        }

        static Factories of(List<ProviderAdapter.Factory> found) {
            return new Factories(null, List.copyOf(found));
        }

        static Factories lazy(ClassLoader loader) {
            return new Factories(loader, null);
        }

        List<ProviderAdapter.Factory> get() {
            if (found == null) {
                found = discover(loader);
            }
            return found;
        }
    }

    private static ProviderRegistry create(List<ProviderSettings> settings, OkHttpClient client, boolean owns,
            Factories factories) {
        List<ProviderSettings> copy = List.copyOf(settings);
        Map<String, ProviderAdapter> adapters = new LinkedHashMap<>();
        Map<String, String> types = new LinkedHashMap<>();
        Map<String, ProviderSettings> byId = new LinkedHashMap<>();
        for (ProviderSettings s : copy) {
            if (adapters.containsKey(s.id())) {
                throw BuiltInAdapters.invalid(s, "configured twice; provider ids must be unique");
            }
            ProviderAdapter adapter = BuiltInAdapters.INSTANCE.create(s, client);
            if (adapter == null) {
                adapter = fromFactories(factories.get(), s, client);
                if (adapter == null) {
                    throw unknownType(s, factories.get());
                }
            }
            checkId(s, adapter);
            adapters.put(s.id(), adapter);
            types.put(s.id(), s.type());
            byId.put(s.id(), s);
        }
        return new ProviderRegistry(Collections.unmodifiableMap(adapters), Collections.unmodifiableMap(types),
                Collections.unmodifiableMap(byId), client, owns);
    }

    private static ConfigException unknownType(ProviderSettings s, List<ProviderAdapter.Factory> discovered) {
        return BuiltInAdapters.invalid(s, "type", ConfigNode.unknownMessage("provider type", s.type(), ProviderTypes.BUILT_IN)
                + (discovered.isEmpty() ? " (other types need a ProviderAdapter.Factory on the class path)"
                        : " (or a type taken by " + names(discovered) + ")"));
    }

    private static void checkId(ProviderSettings s, ProviderAdapter adapter) {
        if (!s.id().equals(adapter.id())) {
            throw BuiltInAdapters.invalid(s, "adapter factory for type '" + s.type()
                    + "' created an adapter with id '" + adapter.id() + "'");
        }
    }

    private static ProviderAdapter fromFactories(List<ProviderAdapter.Factory> factories, ProviderSettings settings,
            OkHttpClient client) {
        for (ProviderAdapter.Factory factory : factories) {
            ProviderAdapter adapter;
            try {
                adapter = factory.create(settings, client);
            } catch (ConfigException e) {
                throw e;
            } catch (RuntimeException e) {
                throw BuiltInAdapters.invalid(settings, "adapter factory " + factory.getClass().getName()
                        + " failed: " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            }
            if (adapter != null) {
                return adapter;
            }
        }
        return null;
    }

    private static String names(List<ProviderAdapter.Factory> factories) {
        StringJoiner names = new StringJoiner(", ");
        factories.forEach(f -> names.add(f.getClass().getName()));
        return names.toString();
    }

    private static OkHttpClient newClient() {
        AtomicInteger threads = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, "captcha-feedback-http-" + threads.incrementAndGet());
            thread.setDaemon(true); // never keeps the JVM alive; the reporter flushes on close
            return thread;
        };
        Dispatcher dispatcher = new Dispatcher(new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), factory));
        dispatcher.setMaxRequests(MAX_REQUESTS);
        dispatcher.setMaxRequestsPerHost(MAX_REQUESTS_PER_HOST);
        return new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(MAX_REQUESTS_PER_HOST, 5, TimeUnit.MINUTES))
                // A silent retry of a POST the provider may already have recorded would send a report twice,
                // unseen by the reporter: every attempt is the reporter's, counted and backed off.
                .retryOnConnectionFailure(false)
                .build();
    }

    private static void release(OkHttpClient client) {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    /** The adapter configured under {@code id}, if any. */
    public Optional<ProviderAdapter> adapter(String id) {
        Objects.requireNonNull(id, "id == null");
        return Optional.ofNullable(adapters.get(id));
    }

    /** The configured provider ids, in configuration order. */
    public Set<String> ids() {
        return adapters.keySet();
    }

    /** The shared client (for tests in this package). */
    OkHttpClient client() {
        return client;
    }

    /**
     * The settings {@code id} was configured with, for other calls to the same provider (the solver's
     * {@code createTask}/{@code getTaskResult}); the key stays wrapped in {@link ApiKey}.
     */
    public Optional<ProviderSettings> settings(String id) {
        Objects.requireNonNull(id, "id == null");
        return Optional.ofNullable(settings.get(id));
    }

    /**
     * The base URL of provider {@code id}: the configured override or, for a built-in type, the
     * provider's default (e.g. {@code https://api.anti-captcha.com/}). Empty for an unknown id or a
     * third-party adapter configured without one.
     */
    public Optional<HttpUrl> baseUrl(String id) {
        Objects.requireNonNull(id, "id == null");
        ProviderAdapter adapter = adapters.get(id);
        if (adapter instanceof HttpFeedbackAdapter http) {
            return Optional.of(http.baseUrl());
        }
        ProviderSettings s = settings.get(id);
        return s == null ? Optional.empty() : s.baseUrlOverride().map(uri -> HttpUrl.get(uri.toString()));
    }

    /**
     * The shared HTTP client every adapter calls through, for other calls to the configured providers
     * (derive per-call timeouts with {@code newBuilder()} so that the pool and dispatcher stay shared).
     * Do not shut it down: {@link #close()} does when this registry created it.
     */
    public OkHttpClient httpClient() {
        return client;
    }

    /**
     * Releases the shared client's threads and pooled connections when this registry created it (calls
     * in flight finish; calls not yet started complete as {@link FeedbackResult.Retryable}). A client
     * given to {@link #create(List, OkHttpClient)} is left open. Idempotent.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true) && ownsClient) {
            release(client);
        }
    }

    @Override
    public String toString() {
        StringJoiner out = new StringJoiner(", ", "ProviderRegistry[", "]");
        types.forEach((id, type) -> out.add(id + " (" + type + ")"));
        return out.toString();
    }
}
