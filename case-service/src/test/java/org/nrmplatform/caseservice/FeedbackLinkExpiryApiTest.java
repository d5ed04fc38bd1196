package org.nrmplatform.caseservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.nrmplatform.shared.testing.ApiClient.Answer;
import org.springframework.test.context.TestPropertySource;

/**
 * A feedback link expires after the configured time (here five seconds): usable before, then refused exactly as an
 * unknown link is, and the case manager sees it expired.
 */
@TestPropertySource(properties = "nrm.feedback.link-validity=PT5S")
class FeedbackLinkExpiryApiTest extends ApiTest {

    @Test
    void anExpiredLinkIsRefusedAsAnUnknownOneIs() {
        UUID caseId = FeedbackApiTest.openCase(this);
        String feedback = "/api/cases/" + caseId + "/feedback";
        String link = "/api/feedback/" + caseManager.post(feedback + "/links", Map.of("language", "mk")).body()
                .get("token").asString();
        assertThat(anonymous.get(link).status()).isEqualTo(200);

        Awaitility.await().pollInterval(Duration.ofMillis(500)).atMost(Duration.ofSeconds(30))
                .until(() -> anonymous.get(link).status() == 404);
        Answer expired = anonymous.post(link, Map.of("answers", Map.of("SATISFIED", "YES")));
        Answer unknown = anonymous.post("/api/feedback/" + "B".repeat(43), Map.of("answers", Map.of("SATISFIED", "YES")));
        assertThat(expired.status()).isEqualTo(404);
        assertThat(expired.body().get("detail").asString()).isEqualTo(unknown.body().get("detail").asString());
        assertThat(awaitProcessing().until(() -> caseManager.get(feedback).body(), list -> list.size() == 1)
                .at("/0/status").asString()).isEqualTo("LINK_EXPIRED");
    }
}
