package io.captchafeedback.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.captchafeedback.CaptchaFeedback;
import io.captchafeedback.task.CaptchaType;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.CaptchaFeedbackConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class PostgresOutboxFactoryTest {

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aJdbcUrlInTheConfigurationOpensTheSharedOutboxWithTheUserFromTheEnvironmentAndStoresNoSecret(@TempDir Path dir)
            throws Exception {
        try (PostgresServer db = PostgresServer.start()) {
            Path file = dir.resolve("captcha-feedback.yml");
            Files.writeString(file, """
                    providers:
                      ucaptcha:
                        key: config-test-key-93be1f
                        baseUrl: http://127.0.0.1:9
                    reporter:
                      outbox: %s
                      outboxUser: ${PGUSER}
                      outboxPassword: ${PGPASSWORD:-}
                      outboxPoolSize: 2
                    """.formatted(db.url()));
            try (CaptchaFeedback feedback = CaptchaFeedback.create(CaptchaFeedbackConfig.builder()
                    .environment(Map.of("PGUSER", "postgres")).file(file).build())) {
                SolvedTask task = SolvedTask.builder("ucaptcha", "cfg-1", CaptchaType.TURNSTILE, "token-cfg-1")
                        .pageUrl("https://shop.example/login").build();
                feedback.reporter().report(task, FleetWorker.verdict(io.captchafeedback.task.Outcome.ACCEPTED))
                        .durable().get(20, TimeUnit.SECONDS);
            }
            try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT * FROM captcha_feedback_outbox")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("task_id")).isEqualTo("cfg-1");
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.append(rs.getString(i)).append('|');
                }
                assertThat(row.toString()).doesNotContain("config-test-key-93be1f");
                assertThat(rs.next()).isFalse();
            }
        }
    }
}
