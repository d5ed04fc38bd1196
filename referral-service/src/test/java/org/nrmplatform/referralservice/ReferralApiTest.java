package org.nrmplatform.referralservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.nrmplatform.contracts.plans.AssistancePlanEvents.PlannedServiceReferralRequested;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.shared.testing.ApiClient;
import org.nrmplatform.shared.testing.ApiClient.Answer;
import tools.jackson.databind.JsonNode;

/** A referral's whole life over HTTP, the views each side sees, the provider directory, and every refusal. */
class ReferralApiTest extends ApiTest {

    private static final Instant TOMORROW = Instant.now().plus(1, ChronoUnit.DAYS);

    @Test
    void aReferralGoesFromRequestToCompletionAndEachSideSeesWhatItNeeds() {
        UUID caseId = referableCase();
        UUID referralId = requestedReferral(caseId, TOMORROW);

        JsonNode inbox = shelter.get("/api/referrals").body();
        assertThat(ids(inbox)).contains(referralId.toString());
        JsonNode inInbox = shelter.get("/api/referrals/" + referralId).body();
        assertThat(inInbox.get("note").asString()).contains("Albanian");
        assertThat(inInbox.get("ageCategory").asString()).isEqualTo("ADULT");
        assertThat(inInbox.has("consentId")).as("the provider's shape leaves out the consent").isFalse();
        assertThat(inInbox.has("escalatedAt")).isFalse();
        JsonNode inOutbox = caseManager.get("/api/referrals?caseId=" + caseId).body();
        assertThat(ids(inOutbox)).containsExactly(referralId.toString());
        assertThat(inOutbox.at("/items/0/consentId").asString()).isNotBlank();

        assertThat(shelter.post(path(referralId, "acceptance"), Map.of("note", "Room 4")).body()
                .get("status").asString()).isEqualTo("ACCEPTED");
        Answer step = shelter.post(path(referralId, "assistance-steps"), Map.of("serviceType", "SAFE_ACCOMMODATION",
                "deliveredAt", Instant.now().minusSeconds(60).toString(), "deliveredBy", "Night team",
                "outcome", "Admitted, safety plan made"));
        assertThat(step.status()).isEqualTo(201);
        assertThat(shelter.post(path(referralId, "completion"), Map.of("outcome", "Moved on")).body()
                .get("status").asString()).isEqualTo("COMPLETED");

        eventually(() -> "COMPLETED".equals(caseManager.get("/api/referrals/" + referralId).body()
                .get("status").asString()));
        JsonNode completed = caseManager.get("/api/referrals/" + referralId).body();
        assertThat(completed.at("/steps/0/outcome").asString()).isEqualTo("Admitted, safety plan made");
        assertThat(completed.get("ended").asString()).isEqualTo("Moved on");
    }

    @Test
    void aReferralMadeOfAPlannedServiceNamesTheServiceForThePlan() {
        UUID caseId = referableCase();
        UUID serviceId = UUID.randomUUID();
        Map<String, Object> body = referral(caseId, SHELTER, "SAFE_ACCOMMODATION", TOMORROW);
        body.put("planServiceId", serviceId.toString());
        Answer answer = caseManager.post("/api/referrals", body);
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(201);
        String referralId = answer.body().get("referralId").asString();
        // the referral's stream carries, after its request, which planned service it was made of (case-service)
        List<Object> payloads = eventStore.readEvents(referralId).asStream()
                .map(event -> event.getPayload()).map(Object.class::cast).toList();
        assertThat(payloads).last().isEqualTo(new PlannedServiceReferralRequested(UUID.fromString(referralId),
                caseId, serviceId, SHELTER, "SAFE_ACCOMMODATION"));
    }

    @Test
    void theDirectoryListsProvidersWithTheirServicesAndLoad() {
        UUID caseId = referableCase();
        ApiClient monitor = as(Role.MONITOR, POLICE);
        long before = load(monitor, SHELTER);
        requestedReferral(caseId, TOMORROW);
        eventually(() -> load(monitor, SHELTER) == before + 1);

        JsonNode medical = monitor.get("/api/providers?serviceType=MEDICAL_CARE").body();
        assertThat(medical.valueStream().map(p -> p.get("id").asString()).toList()).contains(SHELTER, CLINIC);
        JsonNode accommodation = monitor.get("/api/providers?serviceType=SAFE_ACCOMMODATION&country=RS").body();
        assertThat(accommodation.valueStream().map(p -> p.get("id").asString()).toList())
                .contains(SHELTER).doesNotContain(CLINIC);
        assertThat(monitor.get("/api/providers?country=AL").body().size()).isZero();
    }

    @Test
    void otherProvidersAndOrganisationsDoNotSeeTheReferral() {
        UUID referralId = requestedReferral(referableCase(), TOMORROW);
        ApiClient clinic = as(Role.SERVICE_PROVIDER, CLINIC);
        assertThat(clinic.get("/api/referrals/" + referralId).status()).isEqualTo(404);
        assertThat(ids(clinic.get("/api/referrals").body())).doesNotContain(referralId.toString());
        assertThat(clinic.post(path(referralId, "acceptance"), Map.of()).status()).isEqualTo(404);
        ApiClient otherWelfare = as(Role.CASE_MANAGER, OTHER_WELFARE);
        assertThat(otherWelfare.get("/api/referrals/" + referralId).status()).isEqualTo(404);
        assertThat(otherWelfare.post(path(referralId, "withdrawal"), Map.of("reason", "x")).status()).isEqualTo(404);
        assertThat(shelter.post(path(UUID.randomUUID(), "acceptance"), Map.of()).status()).isEqualTo(404);
    }

    @Test
    void theReferringOrganisationWithdrawsAndTheProviderDeclines() {
        UUID caseId = referableCase();
        UUID withdrawn = requestedReferral(caseId, TOMORROW);
        assertThat(caseManager.post(path(withdrawn, "withdrawal"), Map.of("reason", "Found a place nearer home"))
                .body().get("status").asString()).isEqualTo("WITHDRAWN");

        UUID declined = requestedReferral(caseId, TOMORROW);
        Answer decline = shelter.post(path(declined, "decline"), Map.of("reason", "NO_CAPACITY"));
        assertThat(decline.body().get("status").asString()).isEqualTo("DECLINED");
        Answer step = shelter.post(path(declined, "assistance-steps"), Map.of("serviceType", "SAFE_ACCOMMODATION",
                "deliveredAt", Instant.now().minusSeconds(60).toString(), "deliveredBy", "x", "outcome", "y"));
        assertThat(step.status()).as("steps on a declined referral").isEqualTo(409);
        assertThat(step.contentType()).startsWith("application/problem+json");
        assertThat(shelter.post(path(declined, "decline"), Map.of("reason", "NO_CAPACITY")).status()).isEqualTo(409);
        eventually(() -> caseManager.get("/api/referrals?caseId=" + caseId + "&status=DECLINED").body()
                .get("total").asLong() == 1);
    }

    @Test
    void aReferralIsRefusedWithoutAConsentCoveringProviderAndService() {
        UUID caseId = openedCase();
        consentTo(caseId, CLINIC, List.of("REFERRAL"), List.of());
        UUID otherPurpose = consentTo(caseId, SHELTER, List.of("INFORMATION_SHARING"), List.of());
        awaitCaseState(caseId, state -> state.consents().containsKey(otherPurpose.toString()));

        Answer refused = requestReferral(caseManager, caseId, SHELTER, "SAFE_ACCOMMODATION", TOMORROW);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body().get("detail").asString())
                .contains("no active consent covering referral").contains("retry");

        UUID onlyMedical = consentTo(caseId, SHELTER, List.of("REFERRAL"), List.of("MEDICAL_CARE"));
        awaitCaseState(caseId, state -> state.consents().containsKey(onlyMedical.toString()));
        assertThat(requestReferral(caseManager, caseId, SHELTER, "SAFE_ACCOMMODATION", TOMORROW).status())
                .isEqualTo(422);
        assertThat(requestReferral(caseManager, caseId, SHELTER, "MEDICAL_CARE", TOMORROW).status()).isEqualTo(201);
    }

    @Test
    void withdrawingTheConsentCancelsTheReferralsItCovered() {
        UUID caseId = openedCase();
        UUID consentId = consentTo(caseId, SHELTER, List.of("REFERRAL"), List.of());
        awaitCaseState(caseId, state -> state.consents().containsKey(consentId.toString()));
        UUID pending = requestedReferral(caseId, TOMORROW);
        UUID accepted = requestedReferral(caseId, TOMORROW);
        shelter.post(path(accepted, "acceptance"), Map.of());

        withdraw(caseId, consentId);

        for (UUID referralId : List.of(pending, accepted)) {
            eventually(() -> "CANCELLED".equals(caseManager.get("/api/referrals/" + referralId).body()
                    .get("status").asString()));
            assertThat(caseManager.get("/api/referrals/" + referralId).body().get("ended").asString())
                    .contains("CONSENT_WITHDRAWN").contains(consentId.toString());
        }
        assertThat(requestReferral(caseManager, caseId, SHELTER, "SAFE_ACCOMMODATION", TOMORROW).status())
                .isEqualTo(422);
    }

    @Test
    void badRequestsAreProblemsNeverErrors() {
        UUID caseId = referableCase();
        assertProblem(requestReferral(caseManager, caseId, SHELTER, "SPA_WEEKEND", TOMORROW), 422, "serviceType");
        assertProblem(requestReferral(caseManager, caseId, SHELTER, "SAFE_ACCOMMODATION",
                Instant.now().minusSeconds(60)), 422, "respondBy");
        assertProblem(requestReferral(caseManager, caseId, UUID.randomUUID().toString(), "SAFE_ACCOMMODATION",
                TOMORROW), 422, "providerOrganisationId");
        assertProblem(requestReferral(caseManager, caseId, CLINIC, "SAFE_ACCOMMODATION", TOMORROW), 422,
                "serviceType");
        assertProblem(requestReferral(caseManager, UUID.randomUUID(), SHELTER, "SAFE_ACCOMMODATION", TOMORROW), 422,
                "caseId");
        assertProblem(requestReferral(as(Role.CASE_MANAGER, OTHER_WELFARE), caseId, SHELTER, "SAFE_ACCOMMODATION",
                TOMORROW), 422, "caseId");
        Map<String, Object> noUrgency = referral(caseId, SHELTER, "SAFE_ACCOMMODATION", TOMORROW);
        noUrgency.remove("urgency");
        assertProblem(caseManager.post("/api/referrals", noUrgency), 400, "urgency");
        Map<String, Object> badUrgency = referral(caseId, SHELTER, "SAFE_ACCOMMODATION", TOMORROW);
        badUrgency.put("urgency", "WHENEVER");
        assertProblem(caseManager.post("/api/referrals", badUrgency), 400, "urgency");
        assertThat(caseManager.post("/api/referrals", "{not json").status()).isEqualTo(400);
        assertThat(caseManager.get("/api/referrals?status=LOST").status()).isEqualTo(400);
        assertThat(caseManager.get("/api/referrals/not-a-uuid").status()).isEqualTo(400);
        UUID referralId = requestedReferral(caseId, TOMORROW);
        assertProblem(shelter.post(path(referralId, "decline"), Map.of("reason", "BUSY")), 422, "reason");
        assertProblem(shelter.post(path(referralId, "decline"), Map.of()), 400, "reason");
    }

    @Test
    void timesNoViewCouldHoldAndLooselyTypedValuesAreRefusedNamingTheField() {
        UUID caseId = referableCase();
        Map<String, Object> farAway = referral(caseId, SHELTER, "SAFE_ACCOMMODATION", TOMORROW);
        farAway.put("respondBy", "+999999999-12-31T23:59:59Z");
        assertProblem(caseManager.post("/api/referrals", farAway), 400, "respondBy");
        Map<String, Object> ordinal = referral(caseId, SHELTER, "SAFE_ACCOMMODATION", TOMORROW);
        ordinal.put("urgency", 0);
        assertProblem(caseManager.post("/api/referrals", ordinal), 400, "urgency");
        Map<String, Object> number = referral(caseId, SHELTER, "SAFE_ACCOMMODATION", TOMORROW);
        number.put("serviceType", 7);
        assertProblem(caseManager.post("/api/referrals", number), 400, "serviceType");
        Map<String, Object> nul = referral(caseId, SHELTER, "SAFE_ACCOMMODATION", TOMORROW);
        nul.put("note", "room\u0000 4");
        assertProblem(caseManager.post("/api/referrals", nul), 400, "note");

        UUID referralId = requestedReferral(caseId, TOMORROW);
        shelter.post(path(referralId, "acceptance"), Map.of());
        for (String deliveredAt : List.of("-999999999-01-01T00:00:00Z", "1899-12-31T00:00:00Z",
                Instant.now().plus(1, ChronoUnit.HOURS).toString())) {
            assertProblem(shelter.post(path(referralId, "assistance-steps"), Map.of("serviceType",
                    "SAFE_ACCOMMODATION", "deliveredAt", deliveredAt, "deliveredBy", "Shelter staff",
                    "outcome", "Room given")), 400, "deliveredAt");
        }
        assertThat(shelter.post(path(referralId, "assistance-steps"), Map.of("serviceType", "SAFE_ACCOMMODATION",
                "deliveredAt", Instant.now().minusSeconds(60).toString(), "deliveredBy", "Shelter staff",
                "outcome", "Room given")).status()).isEqualTo(201);
        // the view applies steps in order: once it holds the sound one, a refused one stored before would show
        eventually(() -> caseManager.get("/api/referrals/" + referralId).body().get("steps").size() >= 1);
        assertThat(caseManager.get("/api/referrals/" + referralId).body().get("steps").size()).isEqualTo(1);
    }

    @Test
    void aClosedCaseCannotBeReferred() {
        UUID caseId = referableCase();
        close(caseId);
        awaitCaseState(caseId, state -> state.closed());
        Answer refused = requestReferral(caseManager, caseId, SHELTER, "SAFE_ACCOMMODATION", TOMORROW);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body().get("detail").asString()).contains("closed");
    }

    @Test
    void theFirstLineUnitThatOpenedTheCaseMayReferIt() {
        UUID caseId = referableCase();
        assertThat(requestReferral(as(Role.FIRST_LINE, POLICE), caseId, SHELTER, "SAFE_ACCOMMODATION", TOMORROW)
                .status()).isEqualTo(201);
        assertThat(requestReferral(as(Role.FIRST_LINE, SOCIAL_WELFARE), caseId, SHELTER, "SAFE_ACCOMMODATION",
                TOMORROW).status()).as("first-line of the responsible, not the opening, organisation").isEqualTo(422);
    }

    private static void assertProblem(Answer answer, int status, String field) {
        assertThat(answer.status()).as(String.valueOf(answer.body())).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().get("errors").valueStream().map(e -> e.get("field").asString()).toList())
                .contains(field);
    }

    private static String path(UUID referralId, String step) {
        return "/api/referrals/" + referralId + "/" + step;
    }

    private static List<String> ids(JsonNode page) {
        return page.get("items").valueStream().map(item -> item.get("id").asString()).toList();
    }

    private static long load(ApiClient client, String provider) {
        return client.get("/api/providers").body().valueStream()
                .filter(p -> p.get("id").asString().equals(provider))
                .findFirst().map(p -> p.get("activeReferrals").asLong()).orElse(-1L);
    }
}
