package io.captchafeedback.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox's tables, created or migrated when an outbox opens: {@code captcha_feedback_outbox} (version 1)
 * holds the feedbacks; {@code captcha_feedback_breaker_counts} and {@code captcha_feedback_breaker} (version
 * 2) the fleet's breaker counts per (provider, site, bucket) and its open breakers; {@code
 * captcha_feedback_counts} (version 2) the figures of decided rows deleted after their retention, per
 * (provider, site, status). {@code captcha_feedback_schema} holds the versions applied; each migration runs once, in one transaction, under an advisory lock so that
 * workers starting together do not race. Stateless and thread-safe.
 */
final class Schema {
    private static final Logger LOG = LoggerFactory.getLogger(Schema.class);
    static final String TABLE = "captcha_feedback_outbox";
    /** The advisory lock key of migrations ("CFOS"). */
    private static final long LOCK = 0x43464f53L;
    /** Migration n (1-based) brings the schema from version n - 1 to n. */
    private static final List<String> MIGRATIONS = List.of("""
            CREATE TABLE captcha_feedback_outbox (
                provider_id   text     NOT NULL,
                task_id       text     NOT NULL,
                key           bigint   NOT NULL,
                captcha_type  text     NOT NULL,
                token         text,
                solved_second bigint   NOT NULL,
                solved_nano   integer  NOT NULL,
                page_url      text,
                site_key      text,
                site          text     NOT NULL,
                accepted      boolean  NOT NULL,
                code          text,
                message       text,
                enqueued_at   bigint   NOT NULL,
                deadline      bigint   NOT NULL,
                state         smallint NOT NULL DEFAULT 0,
                status        text,
                attempted     boolean  NOT NULL DEFAULT false,
                held          boolean  NOT NULL DEFAULT false,
                claimed_by    text,
                lease_until   timestamptz,
                retain_until  bigint,
                decided_at    bigint,
                PRIMARY KEY (provider_id, task_id)
            );
            CREATE INDEX captcha_feedback_outbox_key ON captcha_feedback_outbox (key);
            CREATE INDEX captcha_feedback_outbox_lease ON captcha_feedback_outbox (lease_until) WHERE state = 0;
            CREATE INDEX captcha_feedback_outbox_claim ON captcha_feedback_outbox (claimed_by) WHERE state = 0;
            CREATE INDEX captcha_feedback_outbox_retain ON captcha_feedback_outbox (retain_until) WHERE state = 1;
            """, """
            CREATE TABLE captcha_feedback_breaker_counts (
                provider_id   text   NOT NULL,
                site          text   NOT NULL,
                bucket_millis bigint NOT NULL,
                bucket        bigint NOT NULL,
                accepted      bigint NOT NULL,
                rejected      bigint NOT NULL,
                PRIMARY KEY (provider_id, site, bucket_millis, bucket)
            );
            CREATE TABLE captcha_feedback_breaker (
                provider_id     text             NOT NULL,
                site            text             NOT NULL,
                opened_at       bigint           NOT NULL,
                open_until      bigint           NOT NULL,
                rejection_share double precision NOT NULL,
                opened_by       text             NOT NULL,
                PRIMARY KEY (provider_id, site)
            );
            CREATE TABLE captcha_feedback_counts (
                provider_id text   NOT NULL,
                site        text   NOT NULL,
                status      text   NOT NULL,
                count       bigint NOT NULL,
                PRIMARY KEY (provider_id, site, status)
            );
            """);

    private Schema() {
    }

    /** The version this library writes. */
    static int current() {
        return MIGRATIONS.size();
    }

    /** Creates or migrates the tables; fails with a clear message when the database is newer than the library. */
    static void migrate(Connection c, String location) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute("SELECT pg_advisory_xact_lock(" + LOCK + ")");
            st.execute("CREATE TABLE IF NOT EXISTS captcha_feedback_schema (version integer PRIMARY KEY,"
                    + " applied_at timestamptz NOT NULL DEFAULT now())");
            int version;
            try (ResultSet rs = st.executeQuery("SELECT coalesce(max(version), 0) FROM captcha_feedback_schema")) {
                rs.next();
                version = rs.getInt(1);
            }
            if (version > current()) {
                throw new IllegalStateException("the outbox schema in " + location + " is version " + version
                        + ", newer than this library's " + current() + ": use a newer postgres-outbox");
            }
            for (int v = version + 1; v <= current(); v++) {
                st.execute(MIGRATIONS.get(v - 1));
                st.execute("INSERT INTO captcha_feedback_schema (version) VALUES (" + v + ")");
                LOG.info("outbox {}: schema migrated to version {}", location, v);
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }
}
