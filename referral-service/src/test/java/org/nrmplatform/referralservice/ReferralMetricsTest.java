package org.nrmplatform.referralservice;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The operators' referral figures: an answered referral's response time goes into the histogram, and an
 * unanswered one past its respond-by counts as overdue (the gauges recount at most every 15 s).
 */
class ReferralMetricsTest extends ApiTest {

    @Autowired
    MeterRegistry meters;

    @Test
    void anAnswerRecordsTheResponseTimeAndAnUnansweredReferralBecomesOverdue() {
        UUID caseId = referableCase();
        long acceptedBefore = responses("ACCEPTED");
        UUID answered = requestedReferral(caseId, Instant.now().plusSeconds(3600));
        requestedReferral(caseId, Instant.now().plusSeconds(2)); // left unanswered

        assertThat(shelter.post("/api/referrals/" + answered + "/acceptance", Map.of()).status()).isEqualTo(200);

        assertThat(responses("ACCEPTED")).isEqualTo(acceptedBefore + 1);
        assertThat(meters.get("nrm.referral.response.duration").tag("outcome", "ACCEPTED").timer()
                .takeSnapshot().histogramCounts()).as("SLO buckets for the histogram").isNotEmpty();
        awaitProcessing().until(() -> gauge("nrm.referrals.overdue") >= 1);
        assertThat(gauge("nrm.referrals.pending")).isGreaterThanOrEqualTo(1);
    }

    private long responses(String outcome) {
        return meters.find("nrm.referral.response.duration").tag("outcome", outcome).timers().stream()
                .mapToLong(Timer::count).sum();
    }

    private double gauge(String name) {
        return meters.find(name).gauges().stream().mapToDouble(g -> g.value()).sum();
    }
}
