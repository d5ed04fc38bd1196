package org.nrmplatform.caseservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.shared.testing.AccessRule;
import org.nrmplatform.shared.testing.ApiClient;
import org.nrmplatform.shared.testing.ApiClient.Answer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Who may call each endpoint of case-service (docs/need-to-know.md), every endpoint against every role,
 * and which cases each role then finds. A new endpoint without a row here fails the build.
 */
class CaseAuthorizationTest extends ApiTest {

    private static final Set<Role> ALL = EnumSet.allOf(Role.class);


    static final Set<Role> COORDINATORS = EnumSet.of(Role.ADMINISTRATOR, Role.MONITOR);

    static final List<AccessRule> ENDPOINTS = List.of(
            new AccessRule("POST", "/api/cases", EnumSet.of(Role.FIRST_LINE, Role.CASE_MANAGER),
                    () -> CaseRequests.openAdult(null)),
            new AccessRule("POST", "/api/cases/{caseId}/indicator-assessments",
                    EnumSet.of(Role.FIRST_LINE, Role.CASE_MANAGER), CaseRequests::labourAssessment),
            new AccessRule("POST", "/api/cases/{caseId}/presumed-victim",
                    EnumSet.of(Role.FIRST_LINE, Role.CASE_MANAGER), CaseRequests::presumedVictim),
            new AccessRule("POST", "/api/cases/{caseId}/identification-decision",
                    EnumSet.of(Role.IDENTIFICATION_AUTHORITY), CaseRequests::identified),
            new AccessRule("POST", "/api/cases/{caseId}/guardian",
                    EnumSet.of(Role.CASE_MANAGER, Role.IDENTIFICATION_AUTHORITY),
                    () -> Map.of("guardianName", "Jelena Jovanović", "appointedOn", "2026-01-05")),
            new AccessRule("POST", "/api/cases/{caseId}/consents", EnumSet.of(Role.FIRST_LINE, Role.CASE_MANAGER),
                    () -> CaseRequests.consent(UUID.randomUUID())),
            new AccessRule("POST", "/api/cases/{caseId}/reflection-period", EnumSet.of(Role.CASE_MANAGER),
                    CaseRequests::reflectionPeriod),
            new AccessRule("POST", "/api/cases/{caseId}/closure", EnumSet.of(Role.CASE_MANAGER), CaseRequests::closure),
            new AccessRule("POST", "/api/cases/{caseId}/flags",
                    EnumSet.of(Role.FIRST_LINE, Role.CASE_MANAGER, Role.IDENTIFICATION_AUTHORITY),
                    () -> Map.of("category", "SAFETY_RISK", "reason", "meet only at the centre")),
            // a flag the case does not hold: a role that may lift is answered 422 (or 404 outside its scope)
            new AccessRule("POST", "/api/cases/{caseId}/flags/{flagId}/lifting",
                    EnumSet.of(Role.FIRST_LINE, Role.CASE_MANAGER, Role.IDENTIFICATION_AUTHORITY),
                    () -> Map.of("reason", "no longer applies")),
            new AccessRule("POST", "/api/cases/{caseId}/conferences",
                    EnumSet.of(Role.FIRST_LINE, Role.CASE_MANAGER, Role.IDENTIFICATION_AUTHORITY),
                    () -> Map.of("heldAt", "2026-01-05T10:00:00Z", "note", "discussed her safety",
                            "participants", List.of(Map.of("organisationId", REGISTERED_SHELTER, "role", "SHELTER")))),
            // the person's feedback (decision 45): the case's case managers only
            new AccessRule("POST", "/api/cases/{caseId}/feedback", EnumSet.of(Role.CASE_MANAGER),
                    () -> Map.of("answers", Map.of("SATISFIED", "YES"))),
            new AccessRule("POST", "/api/cases/{caseId}/feedback/links", EnumSet.of(Role.CASE_MANAGER),
                    () -> Map.of("language", "sq")),
            new AccessRule("POST", "/api/cases/{caseId}/feedback/links/{feedbackId}/revocation",
                    EnumSet.of(Role.CASE_MANAGER), Map::of),
            new AccessRule("GET", "/api/cases/{caseId}/feedback", EnumSet.of(Role.CASE_MANAGER), null),
            new AccessRule("GET", "/api/cases/{caseId}/conferences", EnumSet.of(Role.FIRST_LINE,
                    Role.IDENTIFICATION_AUTHORITY, Role.CASE_MANAGER, Role.SERVICE_PROVIDER), null),
            new AccessRule("GET", "/api/cases/{caseId}/conferences/{conferenceId}", EnumSet.of(Role.FIRST_LINE,
                    Role.IDENTIFICATION_AUTHORITY, Role.CASE_MANAGER, Role.SERVICE_PROVIDER), null),
            new AccessRule("POST", "/api/emergency-situations", EnumSet.of(Role.FIRST_LINE, Role.CASE_MANAGER),
                    () -> Map.of("kind", "RAID", "country", "RS", "municipality", "Subotica",
                            "startedOn", "2026-01-05")),
            new AccessRule("GET", "/api/emergency-situations", EnumSet.of(Role.FIRST_LINE, Role.CASE_MANAGER,
                    Role.IDENTIFICATION_AUTHORITY, Role.MONITOR), null),
            new AccessRule("GET", "/api/emergency-situations/{situationId}", EnumSet.of(Role.FIRST_LINE,
                    Role.CASE_MANAGER, Role.IDENTIFICATION_AUTHORITY, Role.MONITOR), null),
            new AccessRule("GET", "/api/emergency-situations/{situationId}/history", EnumSet.of(Role.FIRST_LINE,
                    Role.CASE_MANAGER, Role.IDENTIFICATION_AUTHORITY, Role.MONITOR), null),
            // a situation that does not exist: a role that may register persons is answered 404
            new AccessRule("POST", "/api/emergency-situations/{situationId}/persons",
                    EnumSet.of(Role.FIRST_LINE, Role.CASE_MANAGER),
                    () -> Map.of("detectingSector", "POLICE", "screenedAt", "2026-01-05T10:00:00Z",
                            "persons", List.of(Map.of("sex", "Masculine", "ageCategory", "ADULT")))),
            new AccessRule("GET", "/api/emergency-situations/{situationId}/cases", EnumSet.of(Role.FIRST_LINE,
                    Role.CASE_MANAGER, Role.IDENTIFICATION_AUTHORITY), null),
            new AccessRule("GET", "/api/emergency-situations/cases-to-complete",
                    EnumSet.of(Role.FIRST_LINE, Role.CASE_MANAGER), null),
            // the assistance plan: written by the case's case managers, read by them and by a provider responsible
            new AccessRule("POST", "/api/cases/{caseId}/plan/needs", EnumSet.of(Role.CASE_MANAGER),
                    () -> Map.of("domain", "SAFETY", "description", "afraid of the recruiter")),
            new AccessRule("POST", "/api/cases/{caseId}/plan/goals", EnumSet.of(Role.CASE_MANAGER),
                    () -> Map.of("description", "feels safe where she lives")),
            new AccessRule("POST", "/api/cases/{caseId}/plan/services", EnumSet.of(Role.CASE_MANAGER),
                    () -> Map.of("serviceType", "SAFE_ACCOMMODATION", "providerOrganisationId", REGISTERED_SHELTER,
                            "targetDate", "2099-01-05")),
            new AccessRule("POST", "/api/cases/{caseId}/plan/agreement", EnumSet.of(Role.CASE_MANAGER),
                    () -> Map.of("agreedOn", "2026-01-05", "form", "SIGNED", "withWhom", "an interpreter")),
            new AccessRule("POST", "/api/cases/{caseId}/plan/reviews", EnumSet.of(Role.CASE_MANAGER),
                    () -> Map.of("note", "going well")),
            new AccessRule("GET", "/api/cases/{caseId}/plan", EnumSet.of(Role.CASE_MANAGER, Role.SERVICE_PROVIDER),
                    null),
            new AccessRule("GET", "/api/cases", EnumSet.of(Role.FIRST_LINE, Role.IDENTIFICATION_AUTHORITY,
                    Role.CASE_MANAGER, Role.SERVICE_PROVIDER), null),
            new AccessRule("GET", "/api/cases/{caseId}", EnumSet.of(Role.FIRST_LINE, Role.IDENTIFICATION_AUTHORITY,
                    Role.CASE_MANAGER, Role.SERVICE_PROVIDER), null),
            new AccessRule("GET", "/api/cases/{caseId}/history", EnumSet.of(Role.CASE_MANAGER), null),
            new AccessRule("GET", "/api/cases/{caseId}/as-of", EnumSet.of(Role.FIRST_LINE,
                    Role.IDENTIFICATION_AUTHORITY, Role.CASE_MANAGER, Role.SERVICE_PROVIDER), null),
            new AccessRule("POST", "/api/cases/{caseId}/subject-erasure",
                    EnumSet.of(Role.CASE_MANAGER, Role.IDENTIFICATION_AUTHORITY),
                    () -> Map.of("legalBasis", Map.of("reference", "GDPR Art. 17", "requestedBy", "the data subject"))),
            new AccessRule("GET", "/api/cases/{caseId}/read-log", EnumSet.of(Role.PROSECUTOR, Role.OPERATOR), null),
            new AccessRule("GET", "/api/statistics", EnumSet.of(Role.MONITOR), null),
            new AccessRule("GET", "/api/statistics/indicators", EnumSet.of(Role.MONITOR), null),
            new AccessRule("GET", "/api/statistics/ctdc", EnumSet.of(Role.MONITOR), null),
            new AccessRule("GET", "/api/indicator-sets", ALL, null),
            new AccessRule("GET", "/api/indicator-sets/{id}", ALL, null),
            new AccessRule("GET", "/api/code-lists", ALL, null),
            new AccessRule("GET", "/api/code-lists/{listId}", ALL, null),
            new AccessRule("GET", "/api/admin/projections", EnumSet.of(Role.OPERATOR), null),
            new AccessRule("POST", "/api/admin/projections/{name}/rebuild", EnumSet.of(Role.OPERATOR), Map::of),
            new AccessRule("POST", "/api/cases/{caseId}/legal-basis", EnumSet.of(Role.PROSECUTOR),
                    CaseRequests::legalBasis),
            // the call below records a legal basis first, without which a prosecutor is refused too (403)
            new AccessRule("GET", "/api/cases/{caseId}/audit-export", EnumSet.of(Role.PROSECUTOR), null),
            // the body names the case (see call): a role without the case in scope gets 404
            new AccessRule("POST", "/api/audit/verification", EnumSet.of(Role.PROSECUTOR, Role.OPERATOR,
                    Role.FIRST_LINE, Role.IDENTIFICATION_AUTHORITY, Role.CASE_MANAGER), Map::of),
            new AccessRule("GET", "/api/audit/public-key", ALL, null),
            // every stream of the store: an operator's (ids and sequence numbers of every case, no content)
            new AccessRule("POST", "/api/audit/store-verifications", EnumSet.of(Role.OPERATOR), Map::of),
            // the sealing migration (issue 20, point 2): nothing in this store holds clear personal data
            new AccessRule("GET", "/api/admin/projections/sealing-migration", EnumSet.of(Role.OPERATOR), null),
            new AccessRule("POST", "/api/admin/projections/sealing-migration", EnumSet.of(Role.OPERATOR), Map::of),
            new AccessRule("GET", "/api/audit/store-verifications/{id}", EnumSet.of(Role.OPERATOR), null),
            // national action plans: the NRM's coordinators (issue 19, point 2); {planId} is a plan of none (404)
            new AccessRule("POST", "/api/action-plans", COORDINATORS, () -> Map.of("title", "Plan",
                    "startsOn", "2026-01-01", "endsOn", "2027-12-31")),
            new AccessRule("GET", "/api/action-plans", COORDINATORS, null),
            new AccessRule("GET", "/api/action-plans/computed-indicators", COORDINATORS, null),
            new AccessRule("GET", "/api/action-plans/{planId}", COORDINATORS, null),
            new AccessRule("GET", "/api/action-plans/{planId}/report", COORDINATORS, null),
            new AccessRule("POST", "/api/action-plans/{planId}/objectives", COORDINATORS,
                    () -> Map.of("title", "Objective")),
            new AccessRule("POST", "/api/action-plans/{planId}/activities", COORDINATORS, () -> Map.of(
                    "objectiveId", UUID.randomUUID().toString(), "title", "Training",
                    "responsibleInstitution", "Police Academy", "deadline", "2026-06-30")),
            new AccessRule("POST", "/api/action-plans/{planId}/indicators", COORDINATORS, () -> Map.of(
                    "objectiveId", UUID.randomUUID().toString(), "name", "Trained", "unit", "people",
                    "baseline", 0, "target", 10, "reportedBy", "Police Academy")),
            new AccessRule("POST", "/api/action-plans/{planId}/indicators/{indicatorId}/values", COORDINATORS,
                    () -> Map.of("period", "2026-Q1", "value", 3)),
            new AccessRule("POST", "/api/action-plans/{planId}/progress-reports", COORDINATORS,
                    () -> Map.of("period", "2026-Q1", "narrative", "On schedule")),
            // possible matches of the person: {otherCaseId} is no candidate (404 for the roles that may call)
            new AccessRule("GET", "/api/cases/{caseId}/possible-matches",
                    EnumSet.of(Role.IDENTIFICATION_AUTHORITY, Role.CASE_MANAGER), null),
            new AccessRule("POST", "/api/cases/{caseId}/possible-matches/{otherCaseId}/link",
                    EnumSet.of(Role.IDENTIFICATION_AUTHORITY, Role.CASE_MANAGER), Map::of),
            new AccessRule("POST", "/api/cases/{caseId}/possible-matches/{otherCaseId}/dismiss",
                    EnumSet.of(Role.IDENTIFICATION_AUTHORITY, Role.CASE_MANAGER), Map::of),
            new AccessRule("GET", "/api/approvals", EnumSet.of(Role.APPROVER, Role.CASE_MANAGER,
                    Role.IDENTIFICATION_AUTHORITY), null),
            // a first-line professional reads its own requests only (404 for an approval of none, as here)
            new AccessRule("GET", "/api/approvals/{approvalId}", EnumSet.of(Role.APPROVER, Role.CASE_MANAGER,
                    Role.IDENTIFICATION_AUTHORITY, Role.FIRST_LINE), null),
            new AccessRule("POST", "/api/approvals/{approvalId}/withdrawal", EnumSet.of(Role.APPROVER,
                    Role.CASE_MANAGER, Role.IDENTIFICATION_AUTHORITY, Role.FIRST_LINE), Map::of),
            new AccessRule("POST", "/api/approvals/{approvalId}/approval", EnumSet.of(Role.APPROVER), Map::of),
            new AccessRule("POST", "/api/approvals/{approvalId}/rejection", EnumSet.of(Role.APPROVER),
                    () -> Map.of("reason", "the closure reason does not fit the case")),
            // retention (issue 20, point 3): a legal basis of none is 404 to a prosecutor
            new AccessRule("POST", "/api/cases/{caseId}/legal-basis/{legalBasisId}/closure",
                    EnumSet.of(Role.PROSECUTOR), Map::of),
            new AccessRule("GET", "/api/retention", EnumSet.of(Role.ADMINISTRATOR, Role.IDENTIFICATION_AUTHORITY),
                    null),
            new AccessRule("GET", "/api/retention/dry-run",
                    EnumSet.of(Role.ADMINISTRATOR, Role.IDENTIFICATION_AUTHORITY), null),
            new AccessRule("POST", "/api/retention/approval", EnumSet.of(Role.APPROVER), Map::of));

    /**
     * Open without a token, the token in the path being the only credential: the person's feedback link
     * (decision 45). Every role and no token alike get the same answer; an unknown token is a 404.
     */
    static final List<AccessRule> OPEN_ENDPOINTS = List.of(
            new AccessRule("GET", "/api/feedback/{token}", ALL, null),
            new AccessRule("POST", "/api/feedback/{token}", ALL, () -> Map.of("answers", Map.of("SATISFIED", "YES"))));

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyEndpointOfTheServiceHasARow() {
        assertThat(AccessRule.keys(Stream.concat(ENDPOINTS.stream(), OPEN_ENDPOINTS.stream()).toList())).as("endpoints listed in this test (and in docs/need-to-know.md)").isEqualTo(AccessRule.served(mappings));
    }

    static Stream<Arguments> everyEndpointAndRole() {
        return ENDPOINTS.stream().flatMap(endpoint -> ALL.stream().map(role -> Arguments.of(endpoint, role)));
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("everyEndpointAndRole")
    void aRoleMayCallAnEndpointOnlyIfItsRowSaysSo(AccessRule endpoint, Role role) {
        UUID caseId = openedByPolice();
        Answer answer = call(as(role, POLICE), endpoint, caseId);
        if (endpoint.allowed().contains(role)) {
            assertThat(answer.status()).as("%s may call %s", role, endpoint).isNotIn(401, 403);
        } else {
            assertThat(answer.status()).as("%s may not call %s", role, endpoint).isEqualTo(403);
            assertThat(answer.contentType()).startsWith("application/problem+json");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void noEndpointAnswersWithoutAToken(AccessRule endpoint) {
        Answer answer = call(anonymous, endpoint, UUID.randomUUID());
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("openEndpoints")
    void theFeedbackLinkAnswersWithOrWithoutATokenAlike(AccessRule endpoint) {
        for (ApiClient client : List.of(anonymous, as(Role.MONITOR, POLICE), caseManager)) {
            Answer answer = call(client, endpoint, UUID.randomUUID());
            assertThat(answer.status()).as("%s, an unknown link", endpoint).isEqualTo(404);
            assertThat(answer.contentType()).startsWith("application/problem+json");
        }
    }

    static Stream<AccessRule> openEndpoints() {
        return OPEN_ENDPOINTS.stream();
    }

    static Stream<AccessRule> endpoints() {
        return ENDPOINTS.stream();
    }

    @Test
    void aFirstLineProfessionalFindsOnlyTheCasesItsOrganisationOpened() {
        UUID caseId = openedByPolice();
        ApiClient otherPolice = as(Role.FIRST_LINE, OTHER_POLICE);
        assertThat(otherPolice.get("/api/cases/" + caseId).status()).isEqualTo(404);
        assertThat(as(Role.CASE_MANAGER, OTHER_POLICE).get("/api/cases/" + caseId + "/history").status())
                .isEqualTo(404);
        assertThat(otherPolice.post("/api/cases/" + caseId + "/indicator-assessments",
                CaseRequests.labourAssessment()).status()).isEqualTo(404);
        assertThat(ids(otherPolice)).doesNotContain(caseId.toString());
        assertThat(as(Role.CASE_MANAGER, POLICE).get("/api/cases/" + caseId + "/history").status())
                .as("a case manager of the organisation that opened it").isEqualTo(200);
        assertThat(firstLine.get("/api/cases/" + caseId + "/history").status())
                .as("the history holds what the first-line view leaves out").isEqualTo(403);
    }

    @Test
    void theCaseManagerAndTheIdentificationAuthorityFindACaseOnceAPresumedVictimIsFlagged() {
        UUID caseId = openedByPolice();
        assertThat(caseManager.get("/api/cases/" + caseId + "/history").status()).isEqualTo(404);
        assertThat(authority.get("/api/cases/" + caseId).status()).isEqualTo(404);
        assertThat(authority.post("/api/cases/" + caseId + "/identification-decision", CaseRequests.identified())
                .status()).isEqualTo(404);

        firstLine.post("/api/cases/" + caseId + "/indicator-assessments", CaseRequests.labourAssessment());
        assertThat(firstLine.post("/api/cases/" + caseId + "/presumed-victim", CaseRequests.presumedVictim())
                .status()).isEqualTo(200);

        assertThat(caseManager.get("/api/cases/" + caseId + "/history").status()).isEqualTo(200);
        assertThat(authority.get("/api/cases/" + caseId + "/history").status())
                .as("the history holds consents, outside the identification view").isEqualTo(403);
        assertThat(as(Role.CASE_MANAGER, OTHER_POLICE).get("/api/cases/" + caseId + "/history").status())
                .as("a case manager of an organisation not responsible for the case").isEqualTo(404);
        assertThat(authority.post("/api/cases/" + caseId + "/identification-decision", CaseRequests.identified())
                .status()).isEqualTo(200);
    }

    @Test
    void aServiceProviderFindsNoCaseUntilOneIsReferredToIt() {
        openedByPolice();
        ApiClient shelter = as(Role.SERVICE_PROVIDER, SOCIAL_WELFARE);
        assertThat(shelter.get("/api/cases").body().get("total").asLong()).isZero();
    }

    @Test
    void eventsRecordTheActorFromTheToken() {
        UUID caseId = openedByPolice();
        var metadata = as(Role.CASE_MANAGER, POLICE).get("/api/cases/" + caseId + "/history").body()
                .at("/events/0/metadata");
        assertThat(metadata.get("organisationId").asString()).isEqualTo(POLICE);
        assertThat(metadata.get("userId").asString()).isNotBlank();
        assertThat(metadata.get("clientId").asString()).isEqualTo("test-client");
        assertThat(metadata.get("roles").valueStream().map(role -> role.asString()).toList())
                .containsExactly("first-line");
        assertThat(metadata.get("correlationId").asString()).isNotBlank();
    }

    private UUID openedByPolice() {
        UUID caseId = UUID.randomUUID();
        assertThat(firstLine.post("/api/cases", CaseRequests.openAdult(caseId)).status()).isEqualTo(201);
        return caseId;
    }

    private static Set<String> ids(ApiClient client) {
        return client.get("/api/cases?size=200").body().get("items").valueStream()
                .map(item -> item.get("id").asString()).collect(Collectors.toSet());
    }

    private Answer call(ApiClient client, AccessRule endpoint, UUID caseId) {
        String path = endpoint.path().replace("{caseId}", caseId.toString()).replace("{id}", "labour-v1").replace("{listId}", "service-type")
                .replace("{flagId}", UUID.randomUUID().toString())
                .replace("{planId}", UUID.randomUUID().toString()).replace("{indicatorId}", UUID.randomUUID().toString())
                .replace("{approvalId}", UUID.randomUUID().toString())
                .replace("{conferenceId}", UUID.randomUUID().toString())
                .replace("{situationId}", UUID.randomUUID().toString())
                .replace("{feedbackId}", UUID.randomUUID().toString()).replace("{token}", "C".repeat(43))
                .replace("{legalBasisId}", UUID.randomUUID().toString())
                .replace("{otherCaseId}", UUID.randomUUID().toString())
                // a projection that cannot be rebuilt (409), so that this table starts no rebuild
                .replace("{name}", "case-referral-index");
        if (path.endsWith("/audit-export") && client != anonymous) {
            assertThat(as(Role.PROSECUTOR, POLICE).post("/api/cases/" + caseId + "/legal-basis",
                    CaseRequests.legalBasis()).status()).isEqualTo(201);
        }
        if (endpoint.method().equals("GET")) {
            return client.get(path);
        }
        if (path.equals("/api/audit/verification")) {
            return client.post(path, Map.of("caseId", caseId.toString()));
        }
        return client.post(path, endpoint.body().get());
    }
}
