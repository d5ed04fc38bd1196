package org.nrmplatform.caseservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.shared.testing.ApiClient;
import org.nrmplatform.shared.testing.ApiClient.Answer;
import org.nrmplatform.shared.testing.SettableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Retention over HTTP on an installation that erases without approval (as ApiTest's): the dry run lists the
 * cases whose retention ended by a day, with their rule, period and due date, and erases nothing; the daily run,
 * driven by the test clock, erases each on its day and not before, once, with the rule as the erasure's legal
 * basis, the erased person leaving the blind index of possible matches. Periods: the defaults (not identified 5
 * years, identified 10, proceedings 1 year after they end).
 */
@Import(RetentionApiTest.TestClock.class)
@TestPropertySource(properties = "nrm.retention.poll-interval=100ms")
class RetentionApiTest extends ApiTest {

    @TestConfiguration
    static class TestClock {
        @Bean
        SettableClock clock() {
            return new SettableClock();
        }
    }

    @Autowired
    SettableClock clock;

    @Test
    void theDryRunShowsWhatARunOnADayWouldEraseAndWhyAndErasesNothing() {
        UUID closed = presumedVictim();
        assertThat(authority.post("/api/cases/" + closed + "/identification-decision", CaseRequests.identified())
                .status()).isEqualTo(200);
        assertThat(caseManager.post("/api/cases/" + closed + "/closure", CaseRequests.closure()).status())
                .isEqualTo(200);
        UUID open = presumedVictim();

        ApiClient administrator = as(Role.ADMINISTRATOR, AUTHORITY);
        LocalDate farAhead = LocalDate.now(ZoneOffset.UTC).plusYears(20);
        JsonNode planned = awaitPlanned(administrator, farAhead, closed);
        LocalDate closedOn = LocalDate.parse(planned.get("from").asString());
        LocalDate dueOn = closedOn.plusYears(10);
        assertThat(planned.get("rule").asString()).isEqualTo("IDENTIFIED");
        assertThat(planned.get("period").asString()).isEqualTo("P10Y");
        assertThat(planned.get("dueOn").asString()).isEqualTo(dueOn.toString());
        assertThat(planned.get("step").asString()).isEqualTo("ERASE");
        assertThat(planned.get("organisationId").asString()).isEqualTo(SOCIAL_WELFARE);
        assertThat(caseIds(authority.get("/api/retention/dry-run?on=" + farAhead).body()))
                .as("the identification authority sees the same list").contains(closed.toString())
                .as("an open case is never due").doesNotContain(open.toString());
        assertThat(caseIds(administrator.get("/api/retention/dry-run?on=" + dueOn.minusDays(1)).body()))
                .as("a day before its retention ends").doesNotContain(closed.toString());
        assertThat(caseIds(administrator.get("/api/retention/dry-run?on=" + dueOn).body())).contains(closed.toString());
        assertThat(caseManager.get("/api/cases/" + closed).body().get("erased").asBoolean())
                .as("a dry run erases nothing").isFalse();

        JsonNode overview = administrator.get("/api/retention").body();
        assertThat(overview.at("/periods/identified").asString()).isEqualTo("P10Y");
        assertThat(overview.at("/periods/notIdentified").asString()).isEqualTo("P5Y");
        assertThat(overview.at("/periods/afterProceedings").asString()).isEqualTo("P1Y");
        assertThat(overview.get("approvalRequired").asBoolean()).isFalse();

        Answer badDay = administrator.get("/api/retention/dry-run?on=2031-02-30");
        assertThat(badDay.status()).isEqualTo(400);
        assertThat(badDay.contentType()).startsWith("application/problem+json");
        assertThat(badDay.body().at("/errors/0/field").asString()).isEqualTo("on");
    }

    @Test
    void theDailyRunErasesACaseOnTheDayItsRetentionEndsOnceWithTheRuleAsLegalBasis() {
        UUID caseId = presumedVictim();
        assertThat(caseManager.post("/api/cases/" + caseId + "/closure", CaseRequests.closure()).status())
                .isEqualTo(200);
        ApiClient administrator = as(Role.ADMINISTRATOR, AUTHORITY);
        JsonNode planned = awaitPlanned(administrator, LocalDate.now(ZoneOffset.UTC).plusYears(20), caseId);
        assertThat(planned.get("rule").asString()).as("closed before any decision").isEqualTo("NOT_IDENTIFIED");
        LocalDate dueOn = LocalDate.parse(planned.get("dueOn").asString());
        String matches = "/api/cases/" + caseId + "/possible-matches";
        awaitProcessing().until(() -> caseManager.get(matches).status() == 200); // the person is in the blind index

        clock.set(dueOn.minusDays(1).atTime(3, 0).toInstant(ZoneOffset.UTC));
        awaitRunDone(administrator, dueOn.minusDays(1));
        assertThat(caseManager.get("/api/cases/" + caseId).body().get("erased").asBoolean())
                .as("the day before").isFalse();

        clock.set(dueOn.atTime(3, 0).toInstant(ZoneOffset.UTC));
        JsonNode run = awaitRunDone(administrator, dueOn);
        assertThat(run.get("erased").asInt()).isGreaterThanOrEqualTo(1);
        JsonNode view = caseManager.get("/api/cases/" + caseId).body();
        assertThat(view.get("erased").asBoolean()).isTrue();
        assertThat(view.at("/dataSubject/familyName").isNull()).isTrue();
        awaitProcessing().until(() -> caseManager.get(matches).status() == 404); // and left it, as on any erasure

        JsonNode history = caseManager.get("/api/cases/" + caseId + "/history").body().get("events");
        JsonNode ended = event(history, "RetentionPeriodEnded");
        assertThat(ended.at("/payload/rule").asString()).isEqualTo("NOT_IDENTIFIED");
        assertThat(ended.at("/payload/period").asString()).isEqualTo("P5Y");
        assertThat(ended.at("/payload/dueOn").asString()).isEqualTo(dueOn.toString());
        assertThat(ended.at("/metadata/clientId").asString()).isEqualTo("nrm-retention");
        JsonNode erased = event(history, "SubjectErased");
        assertThat(erased.at("/payload/legalBasis/reference").asString()).isEqualTo("retention rule NOT_IDENTIFIED: "
                + "kept P5Y after closure on " + planned.get("from").asString() + ", ended on " + dueOn);
        assertThat(caseIds(administrator.get("/api/retention/dry-run?on=" + dueOn).body())).doesNotContain(caseId.toString());

        clock.set(dueOn.plusDays(1).atTime(3, 0).toInstant(ZoneOffset.UTC));
        awaitRunDone(administrator, dueOn.plusDays(1));
        assertThat(caseManager.get("/api/cases/" + caseId + "/history").body().get("events").valueStream()
                .filter(e -> e.get("type").asString().equals("SubjectErased")).count()).as("erased once").isEqualTo(1);
    }

    /** Opened and flagged by the police, managed by the social welfare centre. */
    UUID presumedVictim() {
        UUID caseId = UUID.randomUUID();
        String path = "/api/cases/" + caseId;
        assertThat(firstLine.post("/api/cases", CaseRequests.openAdult(caseId)).status()).isEqualTo(201);
        assertThat(firstLine.post(path + "/indicator-assessments", CaseRequests.labourAssessment()).status())
                .isEqualTo(201);
        assertThat(firstLine.post(path + "/presumed-victim", CaseRequests.presumedVictim()).status()).isEqualTo(200);
        return caseId;
    }

    JsonNode awaitPlanned(ApiClient client, LocalDate on, UUID caseId) {
        return awaitProcessing().until(() -> client.get("/api/retention/dry-run?on=" + on).body().get("cases")
                        .valueStream().filter(c -> c.get("caseId").asString().equals(caseId.toString())).findFirst(),
                found -> found.isPresent()).orElseThrow();
    }

    JsonNode awaitRunDone(ApiClient administrator, LocalDate day) {
        return awaitProcessing().until(() -> administrator.get("/api/retention").body().get("runs").valueStream()
                        .filter(r -> r.get("id").asString().equals(day.toString())
                                && r.get("state").asString().equals("DONE")).findFirst(),
                found -> found.isPresent()).orElseThrow();
    }

    static java.util.List<String> caseIds(JsonNode dryRun) {
        return dryRun.get("cases").valueStream().map(c -> c.get("caseId").asString()).toList();
    }

    static JsonNode event(JsonNode history, String type) {
        return history.valueStream().filter(e -> e.get("type").asString().equals(type)).findFirst().orElseThrow();
    }
}
