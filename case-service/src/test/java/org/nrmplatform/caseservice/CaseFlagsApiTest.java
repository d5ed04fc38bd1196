package org.nrmplatform.caseservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.Test;
import org.nrmplatform.contracts.cases.AgeCategory;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.contracts.privacy.PersonalField;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralRequested;
import org.nrmplatform.contracts.referrals.Urgency;
import org.nrmplatform.shared.privacy.PersonalData;
import org.nrmplatform.shared.testing.ApiClient;
import org.nrmplatform.shared.testing.ApiClient.Answer;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Flags over HTTP: raised by one professional of the case and seen at once by every role that sees the case
 * (each from its own view), lifted with a reason by another, kept in the history with who and why; bad input
 * is a problem naming the field, and roles that do not work the case are refused.
 */
class CaseFlagsApiTest extends ApiTest {

    private static final String SHELTER = "0f6a3c1e-5555-4a2b-9c3d-000000000005";
    private static final String RISK = "The recruiter knows where she stays; meet only at the centre";

    @Autowired
    PersonalData personalData;

    @Test
    void aFlagRaisedByTheCaseManagerIsSeenByEveryRoleThatSeesTheCaseUntilItIsLifted() {
        UUID caseId = presumedVictimReferredToTheShelter();
        String flags = "/api/cases/" + caseId + "/flags";

        Answer raised = caseManager.post(flags, Map.of("category", "SAFETY_RISK", "reason", RISK));
        assertThat(raised.status()).isEqualTo(201);
        String flagId = raised.header("Flag-Id");
        assertThat(flagId).isNotBlank();
        assertThat(raised.header("ETag")).isEqualTo("\"" + raised.body().get("version").asLong() + "\"");

        ApiClient shelter = as(Role.SERVICE_PROVIDER, SHELTER);
        for (ApiClient reader : List.of(caseManager, firstLine, authority, shelter)) {
            JsonNode flag = awaitProcessing().until(() -> reader.get("/api/cases/" + caseId).body().get("flags"),
                    shown -> shown.size() == 1).get(0);
            assertThat(flag.get("flagId").asString()).isEqualTo(flagId);
            assertThat(flag.get("category").asString()).isEqualTo("SAFETY_RISK");
            assertThat(flag.get("reason").asString()).isEqualTo(RISK);
            assertThat(flag.get("raisedByOrganisationId").asString()).isEqualTo(SOCIAL_WELFARE);
            assertThat(flag.get("raisedAt").asString()).isNotBlank();
        }

        Answer lifted = authority.post(flags + "/" + flagId + "/lifting",
                Map.of("reason", "The recruiter was arrested"));
        assertThat(lifted.status()).isEqualTo(200);
        for (ApiClient reader : List.of(caseManager, firstLine, authority, shelter)) {
            awaitProcessing().until(() -> reader.get("/api/cases/" + caseId).body().get("flags").isEmpty());
        }

        JsonNode history = caseManager.get("/api/cases/" + caseId + "/history").body().get("events");
        JsonNode raising = history.valueStream().filter(e -> e.get("type").asString().equals("CaseFlagRaised"))
                .findFirst().orElseThrow();
        assertThat(raising.at("/payload/reason").asString()).isEqualTo(RISK);
        assertThat(raising.at("/payload/category").asString()).isEqualTo("SAFETY_RISK");
        assertThat(raising.at("/metadata/roles/0").asString()).isEqualTo("case-manager");
        JsonNode lifting = history.valueStream().filter(e -> e.get("type").asString().equals("CaseFlagLifted"))
                .findFirst().orElseThrow();
        assertThat(lifting.at("/payload/reason").asString()).isEqualTo("The recruiter was arrested");
        assertThat(lifting.at("/metadata/organisationId").asString()).isEqualTo(AUTHORITY);

        // the court export: the kind of warning says why, the reason is opened for the court
        ApiClient prosecutor = as(Role.PROSECUTOR, POLICE);
        assertThat(prosecutor.post("/api/cases/" + caseId + "/legal-basis", CaseRequests.legalBasis()).status())
                .isEqualTo(201);
        JsonNode exported = prosecutor.get("/api/cases/" + caseId + "/audit-export?format=json").body()
                .get("events");
        JsonNode raisedThere = exported.valueStream()
                .filter(e -> e.at("/summary/what").asString().equals("CaseFlagRaised")).findFirst().orElseThrow();
        assertThat(raisedThere.at("/summary/why/category").asString()).isEqualTo("SAFETY_RISK");
        assertThat(raisedThere.at("/readable/reason").asString()).isEqualTo(RISK);
        assertThat(raisedThere.get("payload").asString()).as("what is hashed stays sealed").doesNotContain("recruiter");
        assertThat(exported.valueStream().map(e -> e.at("/summary/what").asString()).toList())
                .contains("CaseFlagLifted");
    }

    @Test
    void theFirstLineProfessionalRaisesAFlagOnTheCaseItOpened() {
        UUID caseId = opened();
        Answer raised = firstLine.post("/api/cases/" + caseId + "/flags", Map.of("category", "INTERPRETER_NEEDED",
                "reason", "Speaks Romanian only", "flagId", UUID.randomUUID().toString()));
        assertThat(raised.status()).isEqualTo(201);
        awaitProcessing().until(() -> firstLine.get("/api/cases/" + caseId).body().get("flags").size() == 1);
    }

    @Test
    void aCaseOutsideTheCallersScopeIsNotFound() {
        UUID caseId = opened();
        assertThat(as(Role.FIRST_LINE, OTHER_POLICE).post("/api/cases/" + caseId + "/flags",
                Map.of("category", "SAFETY_RISK", "reason", RISK)).status()).isEqualTo(404);
        assertThat(authority.post("/api/cases/" + caseId + "/flags",
                Map.of("category", "SAFETY_RISK", "reason", RISK)).status())
                .as("before a presumed victim is flagged").isEqualTo(404);
    }

    @Test
    void badInputIsAProblemNamingTheField() {
        UUID caseId = opened();
        String flags = "/api/cases/" + caseId + "/flags";
        assertProblem(firstLine.post(flags, Map.of("category", "BAD_VIBES", "reason", RISK)), 422, "category");
        assertProblem(firstLine.post(flags, Map.of("category", "SAFETY_RISK")), 400, "reason");
        assertProblem(firstLine.post(flags, Map.of("reason", RISK)), 400, "category");
        assertProblem(firstLine.post(flags, Map.of("category", "SAFETY_RISK", "reason", "x".repeat(2001))), 400,
                "reason");

        UUID flagId = UUID.randomUUID();
        assertThat(firstLine.post(flags, Map.of("flagId", flagId.toString(), "category", "SAFETY_RISK",
                "reason", RISK)).status()).isEqualTo(201);
        Answer again = firstLine.post(flags, Map.of("flagId", flagId.toString(), "category", "SAFETY_RISK",
                "reason", RISK));
        assertThat(again.status()).as("the same flag id twice").isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertProblem(firstLine.post(flags + "/" + flagId + "/lifting", Map.of("reason", "  ")), 400, "reason");
        assertProblem(firstLine.post(flags + "/" + flagId + "/lifting", Map.of()), 400, "reason");
        assertProblem(firstLine.post(flags + "/" + UUID.randomUUID() + "/lifting", Map.of("reason", "gone")), 422,
                "flagId");
        Answer notAnId = firstLine.post(flags + "/flag-1/lifting", Map.of("reason", "gone"));
        assertThat(notAnId.status()).isEqualTo(400);
        assertThat(notAnId.contentType()).startsWith("application/problem+json");

        assertThat(firstLine.post(flags + "/" + flagId + "/lifting", Map.of("reason", "gone")).status())
                .isEqualTo(200);
        Answer liftedAgain = firstLine.post(flags + "/" + flagId + "/lifting", Map.of("reason", "gone"));
        assertThat(liftedAgain.status()).isEqualTo(409);
        assertThat(liftedAgain.body().get("detail").asString()).contains("already lifted");
    }

    @Test
    void rolesThatDoNotWorkTheCaseAreRefused() {
        UUID caseId = presumedVictimReferredToTheShelter();
        for (Role role : List.of(Role.SERVICE_PROVIDER, Role.PROSECUTOR, Role.MONITOR, Role.OPERATOR,
                Role.ADMINISTRATOR)) {
            Answer answer = as(role, SHELTER).post("/api/cases/" + caseId + "/flags",
                    Map.of("category", "SAFETY_RISK", "reason", RISK));
            assertThat(answer.status()).as(role.name()).isEqualTo(403);
            assertThat(answer.contentType()).startsWith("application/problem+json");
        }
    }

    private static void assertProblem(Answer answer, int status, String field) {
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().get("errors").valueStream().map(error -> error.get("field").asString()))
                .contains(field);
    }

    private UUID opened() {
        UUID caseId = UUID.randomUUID();
        assertThat(firstLine.post("/api/cases", CaseRequests.openAdult(caseId)).status()).isEqualTo(201);
        return caseId;
    }

    /** Flagged by the first-line professional, managed by the social welfare centre, referred to a shelter. */
    private UUID presumedVictimReferredToTheShelter() {
        UUID caseId = opened();
        String path = "/api/cases/" + caseId;
        assertThat(firstLine.post(path + "/indicator-assessments", CaseRequests.labourAssessment()).status())
                .isEqualTo(201);
        assertThat(firstLine.post(path + "/presumed-victim", CaseRequests.presumedVictim()).status()).isEqualTo(200);
        // the referral is referral-service's event in the same stream: recorded here as it would be there
        UUID referralId = UUID.randomUUID();
        eventStore.publish(new GenericDomainEventMessage<>("Referral", referralId.toString(), 0,
                new ReferralRequested(referralId, caseId, SOCIAL_WELFARE, SHELTER, "SAFE_ACCOMMODATION",
                        Urgency.URGENT, Instant.now().plus(Duration.ofDays(2)),
                        personalData.seal(caseId, PersonalField.REFERRAL_NOTE, "Arrives with a social worker"),
                        UUID.randomUUID(), AgeCategory.ADULT)));
        ApiClient shelter = as(Role.SERVICE_PROVIDER, SHELTER);
        awaitProcessing().until(() -> shelter.get(path).status() == 200);
        return caseId;
    }
}
