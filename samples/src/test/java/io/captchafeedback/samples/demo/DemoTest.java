package io.captchafeedback.samples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DemoTest {

    @Test
    void theDemoSendsFeedbackExactlyWhereItWasDueAndChecksItsOwnTable() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int failures = Demo.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);

        assertThat(failures).as(out).isZero();
        assertThat(out).contains("All 24 rows as expected");
        assertThat(out).containsPattern("anticaptcha +\\d+ +REJECTED_CAPTCHA +DELIVERED +negative via /reportIncorrectRecaptcha, recorded");
        assertThat(out).containsPattern("capmonster +\\d+ +ACCEPTED +SKIPPED +nothing sent \\(provider takes no such report\\)");
        assertThat(out).doesNotContain(" WRONG");
    }
}
