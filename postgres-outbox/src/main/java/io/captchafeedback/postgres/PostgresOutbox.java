package io.captchafeedback.postgres;

import io.captchafeedback.task.CaptchaType;
import io.captchafeedback.task.Feedback;
import io.captchafeedback.task.SolvedTask;
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

    private final ConnectionSource source;
    private final String location;
    private final String worker;
    private final Duration lease;
    private final Duration storeTimeout;
    private final ExecutorService executor;
    private final ScheduledExecutorService maintenance;
    private final ThreadLocal<Connection> connection = new ThreadLocal<>();
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
        return submit(c -> {
            SolvedTask t = f.feedback().task();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + Schema.TABLE + " (" + COLUMNS
                    + ", claimed_by, lease_until) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, false, false, ?,"
                    + " now() + ? * interval '1 millisecond') ON CONFLICT (provider_id, task_id) DO NOTHING")) {
                ps.setString(1, t.providerId());
                ps.setString(2, t.taskId());
                ps.setLong(3, f.key());
                ps.setString(4, t.type().name());
                ps.setString(5, t.token());
                ps.setLong(6, t.solvedAt().getEpochSecond());
                ps.setInt(7, t.solvedAt().getNano());
                setText(ps, 8, t.pageUrl());
                setText(ps, 9, t.siteKey());
                ps.setString(10, f.site());
                ps.setBoolean(11, f.feedback().accepted());
                setText(ps, 12, f.feedback().code());
                setText(ps, 13, f.feedback().message());
                ps.setLong(14, f.enqueuedAt());
                ps.setLong(15, f.deadline());
                ps.setString(16, worker);
                ps.setLong(17, lease.toMillis());
                if (ps.executeUpdate() == 1) {
                    return true;
                }
            }
            // a retry after a lost answer finds its own row: still ours
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + Schema.TABLE
                    + " WHERE provider_id = ? AND task_id = ? AND claimed_by = ? AND state = 0 AND enqueued_at = ?")) {
                ps.setString(1, t.providerId());
                ps.setString(2, t.taskId());
                ps.setString(3, worker);
                ps.setLong(4, f.enqueuedAt());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    private static void setText(PreparedStatement ps, int i, String s) throws SQLException {
        if (s == null) {
            ps.setNull(i, Types.VARCHAR);
        } else {
            ps.setString(i, s);
        }
    }

    @Override
    public CompletableFuture<Boolean> attempt(long key) {
        return submit(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + Schema.TABLE + " SET attempted = true,"
                    + " lease_until = now() + ? * interval '1 millisecond' WHERE key = ? AND claimed_by = ? AND state = 0")) {
                ps.setLong(1, lease.toMillis());
                ps.setLong(2, key);
                ps.setString(3, worker);
                return ps.executeUpdate() > 0;
            }
        });
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

    @Override
    public CompletableFuture<Void> done(long key, long retainUntil, String status) {
        // not bound to the claim: a decision is recorded even by a worker whose lease ran out meanwhile
        return submit(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + Schema.TABLE + " SET state = 1, status = ?,"
                    + " retain_until = ?, decided_at = ?, claimed_by = NULL, lease_until = NULL WHERE key = ? AND state = 0")) {
                ps.setString(1, status);
                ps.setLong(2, retainUntil);
                ps.setLong(3, System.currentTimeMillis());
                ps.setLong(4, key);
                ps.executeUpdate();
                return null;
            }
        });
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
                int deleted = run(this::cleanUp, until);
                LOG.debug("outbox {}: {} decided rows past their retention deleted", location, deleted);
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

    private int cleanUp(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + Schema.TABLE
                + " WHERE state = 1 AND retain_until < ?")) {
            ps.setLong(1, System.currentTimeMillis());
            return ps.executeUpdate();
        }
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
