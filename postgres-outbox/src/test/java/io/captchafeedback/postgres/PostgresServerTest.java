package io.captchafeedback.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class PostgresServerTest {

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aRealPostgresqlServerStartsAndCreatesTheVersionedSchema() throws Exception {
        try (PostgresServer db = PostgresServer.start();
                PostgresOutbox outbox = PostgresOutbox.builder(db.dataSource()).build();
                Connection c = db.dataSource().getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT max(version) FROM captcha_feedback_schema")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(Schema.current());
        }
    }
}
