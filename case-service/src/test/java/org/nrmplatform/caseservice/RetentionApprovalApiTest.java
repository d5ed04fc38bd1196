package org.nrmplatform.caseservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.contracts.identity.TokenClaims;
import org.nrmplatform.shared.testing.ApiClient;
import org.nrmplatform.shared.testing.ApiClient.Answer;
import org.nrmplatform.shared.testing.SettableClock;
import org.nrmplatform.shared.testing.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Retention on an installation that holds erasures for approval: the daily run asks the approvers of the
 * organisation answering for each case due, erases nothing itself and asks once; an approver approves one case,
 * or every retention erasure waiting at once, and only then is the subject erased, as the run's step.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "nrm.approvals.required=SUBJECT_ERASURE")
@Import(RetentionApiTest.TestClock.class)
@TestPropertySource(properties = "nrm.retention.poll-interval=100ms")
class RetentionApprovalApiTest extends ApiTest {

    @Autowired
    SettableClock clock;

    @Test
    void theRunAsksTheApproversOnceAndTheSubjectIsErasedOnlyWhenApproved() {
        UUID first = closedPresumedVictim();
        UUID second = closedPresumedVictim();
        ApiClient administrator = as(Role.ADMINISTRATOR, AUTHORITY);
        LocalDate farAhead = LocalDate.now(ZoneOffset.UTC).plusYears(20);
        awaitPlanned(administrator, farAhead, first);
        JsonNode planned = awaitPlanned(administrator, farAhead, second);
        assertThat(planned.get("step").asString()).isEqualTo("REQUEST_APPROVAL");
        LocalDate dueOn = LocalDate.parse(planned.get("dueOn").asString());

        clock.set(dueOn.atTime(3, 0).toInstant(ZoneOffset.UTC));
        JsonNode run = awaitRunDone(administrator, dueOn);
        assertThat(run.get("requested").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(run.get("erased").asInt()).isZero();
        JsonNode awaiting = awaitProcessing().until(() -> administrator.get("/api/retention").body()
                .get("awaitingApproval"), list -> ids(list).containsAll(List.of(first.toString(), second.toString())));
        assertThat(caseManager.get("/api/cases/" + first).body().get("erased").asBoolean()).isFalse();
        assertThat(stepOf(administrator, dueOn, first)).isEqualTo("AWAITING_APPROVAL");

        ApiClient approver = person(SOCIAL_WELFARE, Role.APPROVER);
        String firstApproval = approvalOf(awaiting, first);
        JsonNode listed = approver.get("/api/approvals/" + firstApproval).body();
        assertThat(listed.get("action").asString()).isEqualTo("SUBJECT_ERASURE");
        assertThat(listed.at("/request/due/rule").asString()).as("the approver reads why").isEqualTo("NOT_IDENTIFIED");
        assertThat(listed.at("/request/due/dueOn").asString()).isEqualTo(dueOn.toString());

        Answer one = approver.post("/api/approvals/" + firstApproval + "/approval", Map.of());
        assertThat(one.body().get("status").asString()).as(one.raw().body()).isEqualTo("EXECUTED");
        awaitProcessing().until(() -> caseManager.get("/api/cases/" + first).body().get("erased").asBoolean());

        Answer byClient = anonymous.as(TestTokens.get().sign(TestTokens.get()
                .claims(SOCIAL_WELFARE, List.of(Role.APPROVER)).claim(TokenClaims.USER_ID, null).build()))
                .post("/api/retention/approval", Map.of());
        assertThat(byClient.status()).as("an API client never approves").isEqualTo(403);
        awaitProcessing().until(() -> ids(administrator.get("/api/retention").body().get("awaitingApproval"))
                .contains(first.toString()), shown -> !shown);
        Answer all = approver.post("/api/retention/approval", Map.of());
        assertThat(all.status()).as(all.raw().body()).isEqualTo(200);
        assertThat(all.body().valueStream().filter(d -> d.get("caseId").asString().equals(second.toString()))
                .findFirst().orElseThrow().get("status").asString()).isEqualTo("EXECUTED");
        awaitProcessing().until(() -> caseManager.get("/api/cases/" + second).body().get("erased").asBoolean());

        JsonNode history = caseManager.get("/api/cases/" + second + "/history").body().get("events");
        assertThat(RetentionApiTest.event(history, "ApprovalRequested").at("/metadata/clientId").asString())
                .isEqualTo("nrm-retention");
        assertThat(RetentionApiTest.event(history, "RetentionPeriodEnded").at("/payload/rule").asString())
                .isEqualTo("NOT_IDENTIFIED");
        assertThat(RetentionApiTest.event(history, "SubjectErased").at("/payload/legalBasis/reference").asString())
                .startsWith("retention rule NOT_IDENTIFIED: kept P5Y after closure on ");

        clock.set(dueOn.plusDays(1).atTime(3, 0).toInstant(ZoneOffset.UTC));
        JsonNode next = awaitRunDone(administrator, dueOn.plusDays(1));
        assertThat(caseManager.get("/api/cases/" + second + "/history").body().get("events").valueStream()
                .filter(e -> e.get("type").asString().equals("ApprovalRequested")).count()).as("asked once")
                .isEqualTo(1);
        assertThat(next.get("erased").asInt()).isZero();
    }

    private UUID closedPresumedVictim() {
        UUID caseId = UUID.randomUUID();
        String path = "/api/cases/" + caseId;
        assertThat(firstLine.post("/api/cases", CaseRequests.openAdult(caseId)).status()).isEqualTo(201);
        assertThat(firstLine.post(path + "/indicator-assessments", CaseRequests.labourAssessment()).status())
                .isEqualTo(201);
        assertThat(firstLine.post(path + "/presumed-victim", CaseRequests.presumedVictim()).status()).isEqualTo(200);
        assertThat(caseManager.post(path + "/closure", CaseRequests.closure()).status()).isEqualTo(200);
        return caseId;
    }

    private ApiClient person(String organisationId, Role... roles) {
        return anonymous.as(TestTokens.get().sign(TestTokens.get().claims(organisationId, List.of(roles)).build()));
    }

    private String stepOf(ApiClient client, LocalDate on, UUID caseId) {
        return client.get("/api/retention/dry-run?on=" + on).body().get("cases").valueStream()
                .filter(c -> c.get("caseId").asString().equals(caseId.toString())).findFirst().orElseThrow()
                .get("step").asString();
    }

    private static List<String> ids(JsonNode awaiting) {
        return awaiting.valueStream().map(a -> a.get("caseId").asString()).toList();
    }

    private static String approvalOf(JsonNode awaiting, UUID caseId) {
        return awaiting.valueStream().filter(a -> a.get("caseId").asString().equals(caseId.toString())).findFirst()
                .orElseThrow().get("approvalId").asString();
    }

    private JsonNode awaitPlanned(ApiClient client, LocalDate on, UUID caseId) {
        return awaitProcessing().until(() -> client.get("/api/retention/dry-run?on=" + on).body().get("cases")
                        .valueStream().filter(c -> c.get("caseId").asString().equals(caseId.toString())).findFirst(),
                found -> found.isPresent()).orElseThrow();
    }

    private JsonNode awaitRunDone(ApiClient administrator, LocalDate day) {
        return awaitProcessing().until(() -> administrator.get("/api/retention").body().get("runs").valueStream()
                        .filter(r -> r.get("id").asString().equals(day.toString())
                                && r.get("state").asString().equals("DONE")).findFirst(),
                found -> found.isPresent()).orElseThrow();
    }
}
