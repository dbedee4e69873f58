package io.captchafeedback.postgres;

import io.captchafeedback.task.CaptchaType;
import io.captchafeedback.task.Feedback;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.task.CaptchaType;
import io.captchafeedback.task.Feedback;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.report.spi.BreakerSync;
import io.captchafeedback.report.spi.FleetCount;
import io.captchafeedback.report.spi.SharedOutbox;
import io.captchafeedback.report.spi.StoredFeedback;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link SharedOutbox} in one PostgreSQL table, {@code captcha_feedback_outbox}, shared by a fleet of
 * reporters. The primary key (provider id, task id) stores a key once fleet-wide; each row is claimed by
 * the worker that stored it ({@code claimed_by}, {@code lease_until} on the database's clock), which
 * renews its claims every third of the lease. Rows whose lease ran out (their worker died) are claimed
 * by another worker with {@code FOR UPDATE SKIP LOCKED}, so that two workers never take the same row;
 * a worker checks its claim in the same statement that records an attempt, right before each request.
 * Decided rows are kept until their retention ends (the report window plus a margin), then deleted.
 * The tables are created or migrated on open ({@code captcha_feedback_schema} holds the version). No API
 * key or password is stored; {@link #location()} and log lines show the URL without its parameters.
 * A connection that breaks (a database restart) is opened again and the statement retried for up to
 * {@link Builder#storeTimeout the store timeout}.
 *
 * <!-- java: given javax.sql.DataSource dataSource; ProviderRegistry registry -->
 * <pre>{@code
 * FeedbackReporter reporter = FeedbackReporter.builder().registry(registry)
 *         .sharedOutbox(PostgresOutbox.builder(dataSource).poolSize(4).build())
 *         .build();
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class PostgresOutbox implements SharedOutbox {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresOutbox.class);
    private static final int TAKE_OVER_BATCH = 500;
    /** The most requests of one kind in one statement. */
    private static final int MAX_BATCH = 500;
    private static final String COLUMNS = "provider_id, task_id, key, captcha_type, token, solved_second, solved_nano,"
            + " page_url, site_key, site, accepted, code, message, enqueued_at, deadline, attempted, held";

    /** Opens a connection. */
    @FunctionalInterface
    private interface ConnectionSource {
        Connection open() throws SQLException;
    }

    /** One piece of work on a connection. */
    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    /** One statement for a batch of requests; answers one result per request, in order. */
    @FunctionalInterface
    private interface BatchWork<R, T> {
        List<T> run(Connection c, List<R> batch) throws SQLException;
    }

    /**
     * Group commit of one kind of statement: requests queue up while a batch is in the database, and the
     * next batch takes all of them (up to {@value #MAX_BATCH}) in one statement, so one commit. At most half
     * the pool's connections (at least one) run batches of one kind at a time; each batch is a task of the
     * outbox's executor, so that the kinds take turns on a small pool. A batch is retried as a whole after a broken connection (each statement is
     * safe to repeat), within the store timeout of its oldest request.
     */
    private final class Batcher<R, T> {
        private final String name;
        private final BatchWork<R, T> work;
        private final java.util.concurrent.ConcurrentLinkedQueue<Queued<R, T>> queue =
                new java.util.concurrent.ConcurrentLinkedQueue<>();
        private final AtomicInteger running = new AtomicInteger();
        private final int parallel;

        Batcher(String name, BatchWork<R, T> work, int parallel) {
            this.name = name;
            this.work = work;
            this.parallel = parallel;
        }

        CompletableFuture<T> add(R request) {
            Queued<R, T> q = new Queued<>(request, new CompletableFuture<>(), System.nanoTime() + storeTimeout.toNanos());
            queue.add(q);
            schedule();
            return q.future;
        }

        private void schedule() {
            while (!queue.isEmpty()) {
                int n = running.get();
                if (n >= parallel) {
                    return;
                }
                if (running.compareAndSet(n, n + 1)) {
                    try {
                        executor.execute(this::runOne);
                    } catch (RejectedExecutionException e) {
                        for (Queued<R, T> q; (q = queue.poll()) != null; ) {
                            q.future.completeExceptionally(new IllegalStateException("outbox " + location + " is closed"));
                        }
                        running.decrementAndGet();
                        return;
                    }
                }
            }
        }

        private void runOne() {
            List<Queued<R, T>> batch = new ArrayList<>();
            for (Queued<R, T> q; batch.size() < MAX_BATCH && (q = queue.poll()) != null; ) {
                batch.add(q);
            }
            try {
                if (!batch.isEmpty()) {
                    execute(batch);
                }
            } finally {
                running.decrementAndGet();
                schedule(); // what queued meanwhile goes in the next batch, after the other kinds' turn
            }
        }

        private void execute(List<Queued<R, T>> batch) {
            long until = batch.stream().mapToLong(Queued::until).min().orElse(System.nanoTime());
            List<R> requests = batch.stream().map(Queued::request).toList();
            try {
                List<T> results = run(c -> work.run(c, requests), until);
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).future.complete(results.get(i));
                }
                batchSizes.record(batch.size());
            } catch (SQLException e) {
                if (batch.size() > 1 && !transientFailure(e)) {
                    // one request the database refuses must not fail the others: each alone
                    batch.forEach(q -> execute(List.of(q)));
                    return;
                }
                IllegalStateException failure = new IllegalStateException("outbox " + location + ": " + e.getMessage()
                        + " (SQL state " + e.getSQLState() + ", " + name + " of " + batch.size() + ")", e);
                batch.forEach(q -> q.future.completeExceptionally(failure));
            } catch (RuntimeException e) {
                batch.forEach(q -> q.future.completeExceptionally(e));
            }
        }
    }

    /** A request waiting for its batch. */
    private record Queued<R, T>(R request, CompletableFuture<T> future, long until) {
    }

    /** How many requests went in each batch (statistics for benchmarks). */
    private static final class BatchSizes {
        private final java.util.concurrent.atomic.LongAdder batches = new java.util.concurrent.atomic.LongAdder();
        private final java.util.concurrent.atomic.LongAdder requests = new java.util.concurrent.atomic.LongAdder();

        void record(int n) {
            batches.increment();
            requests.add(n);
        }
    }

    private final BatchSizes batchSizes = new BatchSizes();

    /** Statements run for batches so far, and the requests they carried (tests and benchmarks). */
    long[] batchFigures() {
        return new long[] {batchSizes.batches.sum(), batchSizes.requests.sum()};
    }

    private final ConnectionSource source;
    private final String location;
    private final String worker;
    private final Duration lease;
    private final Duration storeTimeout;
    private final ExecutorService executor;
    private final ScheduledExecutorService maintenance;
    private final ThreadLocal<Connection> connection = new ThreadLocal<>();
    private final Batcher<StoredFeedback, Boolean> inserts;
    private final Batcher<Long, Boolean> attempts;
    private final Batcher<Decision, Boolean> decisions;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private PostgresOutbox(Builder b) {
        this.source = b.source;
        this.location = b.location;
        this.lease = b.lease;
        this.storeTimeout = b.storeTimeout;
        this.worker = b.worker != null ? b.worker : defaultWorkerId();
        this.executor = Executors.newFixedThreadPool(b.poolSize, threads("captcha-feedback-pg-outbox"));
        this.maintenance = Executors.newSingleThreadScheduledExecutor(threads("captcha-feedback-pg-lease"));
        int parallel = Math.max(1, b.poolSize / 2);
        // one insert batch at a time takes every report that arrived meanwhile; attempts (each holds a
        // sending slot) and decisions get the other connections, so that stored feedback does not outrun
        // its delivery
        this.inserts = new Batcher<>("insert", this::insertBatch, 1);
        this.attempts = new Batcher<>("attempt", this::attemptBatch, parallel);
        this.decisions = new Batcher<>("decision", this::doneBatch, parallel);
    }

    /** A builder on the user's pooled {@code DataSource} (the outbox takes at most {@code poolSize} connections). */
    public static Builder builder(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource == null");
        return new Builder(dataSource::getConnection, "a DataSource (" + dataSource.getClass().getSimpleName() + ")");
    }

    /**
     * A builder on a URL ({@code jdbc:postgresql://host:5432/db}); {@code user} and {@code password} may be
     * {@code null}. The password is kept in memory for reconnecting, never written or logged.
     */
    public static Builder builder(String url, String user, String password) {
        Objects.requireNonNull(url, "url == null");
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("expected a jdbc:postgresql: URL, got " + withoutParameters(url));
        }
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        return new Builder(() -> DriverManager.getConnection(url, props), withoutParameters(url));
    }

    private static String withoutParameters(String url) {
        int q = url.indexOf('?');
        String base = q < 0 ? url : url.substring(0, q);
        int at = base.indexOf('@'); // jdbc:postgresql://user:secret@host/db is not a driver form, but never show it
        return at < 0 ? base : "jdbc:postgresql://" + base.substring(at + 1);
    }

    private static String defaultWorkerId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "unknown-host";
        }
        return host + "/" + ProcessHandle.current().pid() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static ThreadFactory threads(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** This worker's id in {@code claimed_by}: host, process id and a random suffix. */
    public String worker() {
        return worker;
    }

    @Override
    public String location() {
        return location;
    }

    private void migrate() {
        try {
            run(c -> {
                Schema.migrate(c, location);
                return null;
            }, System.nanoTime() + storeTimeout.toNanos());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the outbox " + location + ": " + e.getMessage()
                    + " (SQL state " + e.getSQLState() + ")", e);
        }
    }

    @Override
    public CompletableFuture<Boolean> insert(StoredFeedback f) {
        return inserts.add(f);
    }

    /**
     * Stores a batch in one statement (one commit); a row that was not inserted is still ours when it is
     * our own from an earlier try whose answer was lost.
     */
    private List<Boolean> insertBatch(Connection c, List<StoredFeedback> batch) throws SQLException {
        int n = batch.size();
        String[] provider = new String[n];
        String[] task = new String[n];
        Long[] key = new Long[n];
        String[] type = new String[n];
        String[] token = new String[n];
        Long[] second = new Long[n];
        Integer[] nano = new Integer[n];
        String[] page = new String[n];
        String[] siteKey = new String[n];
        String[] site = new String[n];
        Boolean[] accepted = new Boolean[n];
        String[] code = new String[n];
        String[] message = new String[n];
        Long[] enqueued = new Long[n];
        Long[] deadline = new Long[n];
        for (int i = 0; i < n; i++) {
            StoredFeedback f = batch.get(i);
            SolvedTask t = f.feedback().task();
            provider[i] = t.providerId();
            task[i] = t.taskId();
            key[i] = f.key();
            type[i] = t.type().name();
            token[i] = t.token();
            second[i] = t.solvedAt().getEpochSecond();
            nano[i] = t.solvedAt().getNano();
            page[i] = t.pageUrl();
            siteKey[i] = t.siteKey();
            site[i] = f.site();
            accepted[i] = f.feedback().accepted();
            code[i] = f.feedback().code();
            message[i] = f.feedback().message();
            enqueued[i] = f.enqueuedAt();
            deadline[i] = f.deadline();
        }
        java.util.Set<String> stored = new java.util.HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + Schema.TABLE + " (" + COLUMNS
                + ", claimed_by, lease_until) SELECT u.*, false, false, ?, now() + ? * interval '1 millisecond' FROM"
                + " unnest(?::text[], ?::text[], ?::bigint[], ?::text[], ?::text[], ?::bigint[], ?::int[], ?::text[],"
                + " ?::text[], ?::text[], ?::boolean[], ?::text[], ?::text[], ?::bigint[], ?::bigint[]) AS u"
                + " ON CONFLICT (provider_id, task_id) DO NOTHING RETURNING provider_id, task_id")) {
            ps.setString(1, worker);
            ps.setLong(2, lease.toMillis());
            ps.setArray(3, c.createArrayOf("text", provider));
            ps.setArray(4, c.createArrayOf("text", task));
            ps.setArray(5, c.createArrayOf("bigint", key));
            ps.setArray(6, c.createArrayOf("text", type));
            ps.setArray(7, c.createArrayOf("text", token));
            ps.setArray(8, c.createArrayOf("bigint", second));
            ps.setArray(9, c.createArrayOf("int4", nano));
            ps.setArray(10, c.createArrayOf("text", page));
            ps.setArray(11, c.createArrayOf("text", siteKey));
            ps.setArray(12, c.createArrayOf("text", site));
            ps.setArray(13, c.createArrayOf("bool", accepted));
            ps.setArray(14, c.createArrayOf("text", code));
            ps.setArray(15, c.createArrayOf("text", message));
            ps.setArray(16, c.createArrayOf("bigint", enqueued));
            ps.setArray(17, c.createArrayOf("bigint", deadline));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stored.add(rs.getString(1) + '\n' + rs.getString(2));
                }
            }
        }
        if (stored.size() < n) {
            // a retry after a lost answer finds its own rows: still ours
            try (PreparedStatement ps = c.prepareStatement("SELECT o.provider_id, o.task_id FROM " + Schema.TABLE + " o"
                    + " JOIN unnest(?::text[], ?::text[], ?::bigint[]) AS u(p, t, e) ON o.provider_id = u.p"
                    + " AND o.task_id = u.t AND o.enqueued_at = u.e WHERE o.claimed_by = ? AND o.state = 0")) {
                ps.setArray(1, c.createArrayOf("text", provider));
                ps.setArray(2, c.createArrayOf("text", task));
                ps.setArray(3, c.createArrayOf("bigint", enqueued));
                ps.setString(4, worker);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        stored.add(rs.getString(1) + '\n' + rs.getString(2));
                    }
                }
            }
        }
        List<Boolean> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(stored.remove(provider[i] + '\n' + task[i])); // a key twice in one batch: the first has it
        }
        return out;
    }

    @Override
    public CompletableFuture<Boolean> attempt(long key) {
        return attempts.add(key);
    }

    /** Records a batch of attempts in one statement; each is granted only where this worker holds the claim. */
    private List<Boolean> attemptBatch(Connection c, List<Long> keys) throws SQLException {
        java.util.Set<Long> claimed = new java.util.HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + Schema.TABLE + " SET attempted = true,"
                + " lease_until = now() + ? * interval '1 millisecond' WHERE key = ANY(?::bigint[]) AND claimed_by = ?"
                + " AND state = 0 RETURNING key")) {
            ps.setLong(1, lease.toMillis());
            ps.setArray(2, c.createArrayOf("bigint", keys.toArray(new Long[0])));
            ps.setString(3, worker);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    claimed.add(rs.getLong(1));
                }
            }
        }
        return keys.stream().map(claimed::contains).toList();
    }

    @Override
    public void hold(long key) {
        submit(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + Schema.TABLE
                    + " SET held = true WHERE key = ? AND claimed_by = ? AND state = 0")) {
                ps.setLong(1, key);
                ps.setString(2, worker);
                return ps.executeUpdate();
            }
        }).whenComplete((n, e) -> {
            if (e != null) {
                LOG.warn("outbox {}: the hold of a feedback was not recorded: {}", location, e.getMessage());
            }
        });
    }

    /** A decision to record. */
    private record Decision(long key, long retainUntil, String status) {
    }

    @Override
    public CompletableFuture<Void> done(long key, long retainUntil, String status) {
        return decisions.add(new Decision(key, retainUntil, status)).thenApply(x -> null);
    }

    /**
     * Records a batch of decisions in one statement (a group commit). Not bound to the claim: a decision is
     * recorded even by a worker whose lease ran out meanwhile.
     */
    private List<Boolean> doneBatch(Connection c, List<Decision> batch) throws SQLException {
        int n = batch.size();
        Long[] keys = new Long[n];
        String[] statuses = new String[n];
        Long[] retain = new Long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = batch.get(i).key();
            statuses[i] = batch.get(i).status();
            retain[i] = batch.get(i).retainUntil();
        }
        // key = ANY(...) keeps the lookup on the key index whatever the planner thinks of the table's size
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + Schema.TABLE + " o SET state = 1,"
                + " status = (?::text[])[array_position(?::bigint[], o.key)],"
                + " retain_until = (?::bigint[])[array_position(?::bigint[], o.key)],"
                + " decided_at = ?, claimed_by = NULL, lease_until = NULL WHERE o.key = ANY(?::bigint[]) AND o.state = 0")) {
            java.sql.Array keyArray = c.createArrayOf("bigint", keys);
            ps.setArray(1, c.createArrayOf("text", statuses));
            ps.setArray(2, keyArray);
            ps.setArray(3, c.createArrayOf("bigint", retain));
            ps.setArray(4, keyArray);
            ps.setLong(5, System.currentTimeMillis());
            ps.setArray(6, keyArray);
            ps.executeUpdate();
        }
        return java.util.Collections.nCopies(n, Boolean.TRUE);
    }

    @Override
    public long depth() {
        try {
            return run(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + Schema.TABLE + " WHERE state = 0");
                        ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }, System.nanoTime());
        } catch (SQLException | RuntimeException e) {
            LOG.debug("outbox {}: depth unknown: {}", location, e.toString());
            return -1;
        }
    }

    /**
     * Adds this worker's breaker counts and openings and reads the fleet's, in one transaction. An opening
     * replaces a stored one only when that one's pause is over, so that the first worker to open a breaker
     * sets the pause of the whole fleet. A retry after a commit whose answer was lost adds the counts twice:
     * a breaker's counts are a sample of recent verdicts, and this rare excess only leans towards opening it.
     */
    @Override
    public CompletableFuture<BreakerSync.Answer> syncBreakers(BreakerSync sync) {
        return submit(c -> inTransaction(c, () -> {
            List<BreakerSync.Count> deltas = new ArrayList<>(sync.counts());
            // one order for every worker, so that two exchanges lock the shared rows without a deadlock
            deltas.sort(java.util.Comparator.comparing(BreakerSync.Count::providerId)
                    .thenComparing(BreakerSync.Count::site).thenComparingLong(BreakerSync.Count::bucket));
            if (!deltas.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO captcha_feedback_breaker_counts AS b"
                        + " (provider_id, site, bucket_millis, bucket, accepted, rejected) VALUES (?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (provider_id, site, bucket_millis, bucket) DO UPDATE SET"
                        + " accepted = b.accepted + excluded.accepted, rejected = b.rejected + excluded.rejected")) {
                    for (BreakerSync.Count d : deltas) {
                        ps.setString(1, d.providerId());
                        ps.setString(2, d.site());
                        ps.setLong(3, sync.bucketMillis());
                        ps.setLong(4, d.bucket());
                        ps.setLong(5, d.accepted());
                        ps.setLong(6, d.rejected());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            for (BreakerSync.Opening o : sync.openings()) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO captcha_feedback_breaker AS b"
                        + " (provider_id, site, opened_at, open_until, rejection_share, opened_by) VALUES (?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (provider_id, site) DO UPDATE SET opened_at = excluded.opened_at,"
                        + " open_until = excluded.open_until, rejection_share = excluded.rejection_share,"
                        + " opened_by = excluded.opened_by WHERE b.open_until <= excluded.opened_at")) {
                    ps.setString(1, o.providerId());
                    ps.setString(2, o.site());
                    ps.setLong(3, sync.now());
                    ps.setLong(4, o.openUntil());
                    ps.setDouble(5, o.rejectionShare());
                    ps.setString(6, worker);
                    ps.executeUpdate();
                }
            }
            List<BreakerSync.Count> counts = new ArrayList<>();
            // a closed breaker starts from an empty window: buckets before the end of its last pause are left out
            try (PreparedStatement ps = c.prepareStatement("SELECT c.provider_id, c.site, c.bucket, c.accepted, c.rejected"
                    + " FROM captcha_feedback_breaker_counts c LEFT JOIN captcha_feedback_breaker b"
                    + " ON b.provider_id = c.provider_id AND b.site = c.site WHERE c.bucket_millis = ? AND c.bucket >= ?"
                    + " AND (b.open_until IS NULL OR b.open_until > ? OR c.bucket * c.bucket_millis >= b.open_until)")) {
                ps.setLong(1, sync.bucketMillis());
                ps.setLong(2, sync.fromBucket());
                ps.setLong(3, sync.now());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        counts.add(new BreakerSync.Count(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                                rs.getLong(5)));
                    }
                }
            }
            List<BreakerSync.Opening> open = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT provider_id, site, open_until, rejection_share, opened_by"
                    + " FROM captcha_feedback_breaker WHERE open_until > ?")) {
                ps.setLong(1, sync.now());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        open.add(new BreakerSync.Opening(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getDouble(4),
                                rs.getString(5)));
                    }
                }
            }
            return new BreakerSync.Answer(counts, open);
        }));
    }

    /**
     * The fleet's figures: those of decided rows already deleted ({@code captcha_feedback_counts}) plus the
     * rows kept now, counted in one statement (one snapshot).
     */
    @Override
    public CompletableFuture<List<FleetCount>> fleetCounts() {
        return submit(c -> {
            List<FleetCount> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT provider_id, site, status, sum(n) FROM ("
                    + " SELECT provider_id, site, status, count AS n FROM captcha_feedback_counts"
                    + " UNION ALL SELECT provider_id, site, CASE WHEN state = 0 THEN '" + FleetCount.PENDING
                    + "' ELSE status END, count(*) FROM " + Schema.TABLE + " GROUP BY 1, 2, 3"
                    + " UNION ALL SELECT provider_id, site, '" + FleetCount.HELD + "', count(*) FROM " + Schema.TABLE
                    + " WHERE held GROUP BY 1, 2) x GROUP BY 1, 2, 3");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new FleetCount(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)));
                }
            }
            return out;
        });
    }

    /** Runs work in one transaction on {@code c} (rolled back when it fails). */
    private static <T> T inTransaction(Connection c, SqlWork0<T> work) throws SQLException {
        c.setAutoCommit(false);
        try {
            T result = work.run();
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // the connection broke: nothing was committed
            }
            throw e;
        } finally {
            try {
                c.setAutoCommit(true);
            } catch (SQLException ignored) {
                // the connection broke; it is replaced on its next use
            }
        }
    }

    /** Work inside {@link #inTransaction}. */
    @FunctionalInterface
    private interface SqlWork0<T> {
        T run() throws SQLException;
    }

    @Override
    public void start(Consumer<List<StoredFeedback>> takenOver) {
        long renewEvery = Math.max(50, lease.toMillis() / 3);
        maintenance.scheduleWithFixedDelay(() -> maintain(takenOver), 0, renewEvery, TimeUnit.MILLISECONDS);
        LOG.info("outbox {}: worker {} started (lease {})", location, worker, lease);
    }

    private long nextCleanup;

    /** Renews this worker's claims, takes over expired ones and deletes rows past their retention. */
    private void maintain(Consumer<List<StoredFeedback>> takenOver) {
        if (closed) {
            return;
        }
        long until = System.nanoTime(); // no retry: the next round comes soon
        try {
            run(this::renew, until);
            List<StoredFeedback> taken;
            do {
                taken = run(this::takeOver, until);
                if (!taken.isEmpty()) {
                    LOG.info("outbox {}: worker {} took over {} feedbacks whose worker's lease ran out", location, worker,
                            taken.size());
                    takenOver.accept(taken);
                }
            } while (taken.size() == TAKE_OVER_BATCH && !closed);
            if (System.currentTimeMillis() >= nextCleanup) {
                nextCleanup = System.currentTimeMillis() + 60_000;
                int sums = run(this::cleanUp, until);
                LOG.debug("outbox {}: decided rows past their retention deleted, {} sums updated", location, sums);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("outbox {}: cannot renew or take over claims now ({}); trying again shortly", location, e.toString());
        }
    }

    private int renew(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + Schema.TABLE
                + " SET lease_until = now() + ? * interval '1 millisecond' WHERE claimed_by = ? AND state = 0")) {
            ps.setLong(1, lease.toMillis());
            ps.setString(2, worker);
            return ps.executeUpdate();
        }
    }

    private List<StoredFeedback> takeOver(Connection c) throws SQLException {
        List<StoredFeedback> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + Schema.TABLE + " o SET claimed_by = ?,"
                + " lease_until = now() + ? * interval '1 millisecond' FROM (SELECT provider_id, task_id FROM " + Schema.TABLE
                + " WHERE state = 0 AND lease_until < now() ORDER BY lease_until LIMIT " + TAKE_OVER_BATCH
                + " FOR UPDATE SKIP LOCKED) c WHERE o.provider_id = c.provider_id AND o.task_id = c.task_id"
                + " RETURNING o.provider_id, o.task_id, o.key, o.captcha_type, o.token, o.solved_second, o.solved_nano,"
                + " o.page_url, o.site_key, o.site, o.accepted, o.code, o.message, o.enqueued_at, o.deadline, o.attempted,"
                + " o.held")) {
            ps.setString(1, worker);
            ps.setLong(2, lease.toMillis());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row(rs));
                }
            }
        }
        return out;
    }

    private static StoredFeedback row(ResultSet rs) throws SQLException {
        SolvedTask task = new SolvedTask(rs.getString(1), rs.getString(2), CaptchaType.valueOf(rs.getString(4)),
                rs.getString(5), Instant.ofEpochSecond(rs.getLong(6), rs.getInt(7)), rs.getString(8), rs.getString(9));
        Feedback feedback = new Feedback(task, rs.getBoolean(11), rs.getString(12), rs.getString(13));
        return new StoredFeedback(rs.getLong(3), feedback, rs.getString(10), rs.getLong(14), rs.getLong(15),
                rs.getBoolean(16), rs.getBoolean(17));
    }

    /** Runs the clean-up of {@link #cleanUp} now (tests). */
    int cleanUpNow() throws SQLException {
        return run(this::cleanUp, System.nanoTime() + storeTimeout.toNanos());
    }

    /**
     * Deletes decided rows past their retention, adding them up in {@code captcha_feedback_counts} in the same
     * statement (so the fleet's figures neither lose nor count them twice), and breaker counts long past.
     */
    private int cleanUp(Connection c) throws SQLException {
        long now = System.currentTimeMillis();
        int sums;
        try (PreparedStatement ps = c.prepareStatement("WITH gone AS (DELETE FROM " + Schema.TABLE
                + " WHERE state = 1 AND retain_until < ? RETURNING provider_id, site, status, held),"
                + " sums AS (SELECT provider_id, site, status, count(*) AS n FROM gone GROUP BY 1, 2, 3"
                + " UNION ALL SELECT provider_id, site, '" + FleetCount.HELD + "', count(*) FROM gone WHERE held"
                + " GROUP BY 1, 2)"
                + " INSERT INTO captcha_feedback_counts AS k (provider_id, site, status, count)"
                + " SELECT provider_id, site, status, n FROM sums"
                + " ON CONFLICT (provider_id, site, status) DO UPDATE SET count = k.count + excluded.count")) {
            ps.setLong(1, now);
            sums = ps.executeUpdate();
        }
        // a window is ten buckets: twenty are more than any worker reads
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM captcha_feedback_breaker_counts"
                + " WHERE (bucket + 20) * bucket_millis < ?")) {
            ps.setLong(1, now);
            ps.executeUpdate();
        }
        return sums;
    }

    private <T> CompletableFuture<T> submit(SqlWork<T> work) {
        CompletableFuture<T> f = new CompletableFuture<>();
        long until = System.nanoTime() + storeTimeout.toNanos();
        try {
            executor.execute(() -> {
                try {
                    f.complete(run(work, until));
                } catch (SQLException e) {
                    f.completeExceptionally(new IllegalStateException("outbox " + location + ": " + e.getMessage()
                            + " (SQL state " + e.getSQLState() + ")", e));
                } catch (RuntimeException e) {
                    f.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            f.completeExceptionally(new IllegalStateException("outbox " + location + " is closed"));
        }
        return f;
    }

    /** Runs work on this thread's connection, reconnecting and retrying a broken connection until {@code untilNanos}. */
    private <T> T run(SqlWork<T> work, long untilNanos) throws SQLException {
        long backoff = 50;
        while (true) {
            Connection c = connection.get();
            try {
                if (c == null || c.isClosed()) {
                    c = source.open();
                    c.setAutoCommit(true);
                    connection.set(c);
                    connections.add(c);
                }
                return work.run(c);
            } catch (SQLException e) {
                if (!transientFailure(e) || System.nanoTime() > untilNanos || closed) {
                    throw e;
                }
                LOG.debug("outbox {}: {} (SQL state {}); retrying in {} ms", location, e.getMessage(), e.getSQLState(), backoff);
                forget(c);
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                backoff = Math.min(1_000, backoff * 2);
            }
        }
    }

    private void forget(Connection c) {
        connection.remove();
        if (c != null) {
            connections.remove(c);
            try {
                c.close();
            } catch (SQLException ignored) {
                // broken already
            }
        }
    }

    /** A connection that failed or a server shutting down or starting: worth a new connection and a retry. */
    private static boolean transientFailure(SQLException e) {
        String state = e.getSQLState();
        return state == null || state.startsWith("08") || state.startsWith("57P") || state.equals("40001")
                || state.equals("40P01") || state.equals("53300");
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        maintenance.shutdownNow();
        try {
            maintenance.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        CompletableFuture<Integer> released = submit(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + Schema.TABLE
                    + " SET lease_until = now() WHERE claimed_by = ? AND state = 0")) {
                ps.setString(1, worker);
                return ps.executeUpdate();
            }
        });
        executor.shutdown();
        try {
            int n = released.get(10, TimeUnit.SECONDS);
            if (n > 0) {
                LOG.info("outbox {}: worker {} closed; {} undecided feedbacks are left to the fleet", location, worker, n);
            }
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.warn("outbox {}: worker {} closed without giving up its claims ({}); they are taken over after the lease",
                    location, worker, e.toString());
        }
        executor.shutdownNow();
        for (Connection c : connections) {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.debug("closing a connection of {}: {}", location, e.toString());
            }
        }
    }

    @Override
    public String toString() {
        return "PostgresOutbox[" + location + ", worker " + worker + "]";
    }

    /**
     * Settings of a {@link PostgresOutbox}; not thread-safe.
     *
     * <pre>{@code
     * PostgresOutbox outbox = PostgresOutbox.builder("jdbc:postgresql://db/app", "app", System.getenv("PGPASSWORD"))
     *         .poolSize(4).lease(Duration.ofSeconds(30)).build();
     * }</pre>
     */
    public static final class Builder {
        private final ConnectionSource source;
        private final String location;
        private int poolSize = 4;
        private Duration lease = Duration.ofSeconds(30);
        private Duration storeTimeout = Duration.ofSeconds(60);
        private String worker;

        private Builder(ConnectionSource source, String location) {
            this.source = source;
            this.location = location;
        }

        /** Connections (and threads) the outbox uses for its statements, 1 to 1000; default 4. */
        public Builder poolSize(int n) {
            if (n < 1 || n > 1_000) {
                throw new IllegalArgumentException("poolSize must be 1 to 1000, got " + n);
            }
            this.poolSize = n;
            return this;
        }

        /**
         * How long a claim lasts without renewal (renewed every third of it): after a worker dies, its
         * entries are taken over this long later. Longer than the slowest request; default 30 s.
         */
        public Builder lease(Duration lease) {
            if (lease.isNegative() || lease.toMillis() < 150) {
                throw new IllegalArgumentException("lease must be at least 150 ms, got " + lease);
            }
            this.lease = lease;
            return this;
        }

        /** How long a statement is retried while the database is unreachable (a restart); default 60 s. */
        public Builder storeTimeout(Duration timeout) {
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("storeTimeout must not be negative, got " + timeout);
            }
            this.storeTimeout = timeout;
            return this;
        }

        /** This worker's id (default: host, process id and a random suffix); unique in the fleet. */
        public Builder worker(String id) {
            this.worker = Objects.requireNonNull(id, "id == null");
            return this;
        }

        /** Opens the outbox: connects and creates or migrates the schema. */
        public PostgresOutbox build() {
            PostgresOutbox outbox = new PostgresOutbox(this);
            try {
                outbox.migrate();
            } catch (RuntimeException e) {
                outbox.close();
                throw e;
            }
            return outbox;
        }
    }
}
