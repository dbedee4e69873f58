package io.captchafeedback.postgres;

import io.captchafeedback.task.CaptchaType;
import io.captchafeedback.task.Evidence;
import io.captchafeedback.task.Outcome;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.task.Verdict;
import io.captchafeedback.report.Delivery;
import io.captchafeedback.report.DeliveryStatus;
import io.captchafeedback.verdictreport.VerdictReport;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The verdict report of a whole fleet (the same JSON and HTML as {@link VerdictReport}), read from the
 * shared outbox: every feedback the fleet stored and still keeps (decided rows are kept until their
 * report window closes), with what became of it. The outbox stores feedback, not verdicts: verdicts that
 * sent nothing ({@code REJECTED_OTHER}, {@code UNKNOWN}, duplicates) are not in it, and each verdict's
 * rule reads {@value #RULE} (its evidence stayed with the worker that decided it).
 *
 * <!-- java: given javax.sql.DataSource dataSource -->
 * <pre>{@code
 * VerdictReport report = FleetVerdictReport.read(dataSource);
 * report.write(Path.of("build/fleet-report"));
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class FleetVerdictReport {
    /** The rule name of verdicts read back from the outbox. */
    public static final String RULE = "fleet outbox";

    private FleetVerdictReport() {
    }

    /** The most recent {@link VerdictReport#DEFAULT_MAX_VERDICTS} feedbacks in detail, counts over all kept rows. */
    public static VerdictReport read(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource == null");
        VerdictReport report = VerdictReport.create();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT provider_id, task_id, captcha_type, solved_second,"
                        + " solved_nano, page_url, site_key, accepted, state, status, enqueued_at, decided_at, attempted,"
                        + " token FROM " + Schema.TABLE + " ORDER BY enqueued_at, provider_id, task_id")) {
            ps.setFetchSize(1_000);
            c.setAutoCommit(false); // a cursor, not every row in memory at once
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    SolvedTask task = new SolvedTask(rs.getString(1), rs.getString(2), CaptchaType.valueOf(rs.getString(3)),
                            rs.getString(14), Instant.ofEpochSecond(rs.getLong(4), rs.getInt(5)), rs.getString(6), rs.getString(7));
                    Verdict verdict = Verdict.of(rs.getBoolean(8) ? Outcome.ACCEPTED : Outcome.REJECTED_CAPTCHA,
                            Evidence.of(RULE));
                    Delivery delivery = null;
                    if (rs.getInt(9) == 1) {
                        DeliveryStatus status = DeliveryStatus.valueOf(rs.getString(10));
                        long latency = Math.max(0, rs.getLong(12) - rs.getLong(11));
                        delivery = new Delivery(status, status.name().toLowerCase(Locale.ROOT).replace('_', ' '),
                                rs.getBoolean(13) ? 1 : 0, Duration.ofMillis(latency));
                    }
                    report.record(task, verdict, delivery);
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the fleet's outbox: " + e.getMessage() + " (SQL state "
                    + e.getSQLState() + ")", e);
        }
        return report;
    }
}
