package org.nrmplatform.caseservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.shared.testing.ApiClient;
import org.nrmplatform.shared.testing.ApiClient.Answer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The same person across agencies over HTTP: a second case of a person, opened in Cyrillic script, shows the
 * first (closed) case as a possible match to the case manager and the identification authority, naming only its
 * id, stage, organisation and dates; linked or dismissed on both cases, in both histories and the court export;
 * the index holds no name in any encoding and forgets an erased person; other roles are refused.
 */
class PossibleMatchesApiTest extends ApiTest {

    @Autowired
    MongoTemplate mongo;

    /** A date of birth of this test's own, so that the cases of other tests (all "Ana Petrović") do not match. */
    private final LocalDate born = LocalDate.of(1960, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(9000));

    @Test
    void aSecondCaseInCyrillicShowsTheClosedFirstCaseAndTheCaseManagerLinksThem() {
        UUID first = presumedVictim("Milena", "Stojanović");
        assertThat(caseManager.post("/api/cases/" + first + "/closure", CaseRequests.closure()).status())
                .isEqualTo(200);
        UUID second = presumedVictim("Милена", "Стојановић");

        JsonNode candidate = candidateOf(caseManager, second, first);
        assertThat(candidate.get("stage").asString()).isEqualTo("PRESUMED_VICTIM");
        assertThat(candidate.get("organisationId").asString()).isEqualTo(SOCIAL_WELFARE);
        assertThat(candidate.get("openedAt").asString()).isNotBlank();
        assertThat(candidate.get("closedAt").asString()).isNotBlank();
        assertThat(candidate.get("linked").asBoolean()).isFalse();
        assertThat(candidate.get("score").asDouble()).isGreaterThanOrEqualTo(8.0);
        Answer list = caseManager.get("/api/cases/" + second + "/possible-matches");
        assertThat(list.raw().body()).as("only ids, stage, organisation, dates and the score")
                .doesNotContainIgnoringCase("milena").doesNotContainIgnoringCase("stojanov")
                .doesNotContain("Стојанов").doesNotContain(born.toString());
        assertThat(candidateOf(authority, second, first)).as("the identification authority sees it too").isNotNull();

        Answer linked = caseManager.post("/api/cases/" + second + "/possible-matches/" + first + "/link", Map.of());
        assertThat(linked.status()).as(linked.raw().body()).isEqualTo(201);
        assertThat(linked.header("ETag")).isEqualTo("\"" + linked.body().get("version").asLong() + "\"");
        Answer again = caseManager.post("/api/cases/" + second + "/possible-matches/" + first + "/link", Map.of());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
        awaitProcessing().until(() -> candidateOf(caseManager, second, first).get("linked").asBoolean());
        awaitProcessing().until(() -> candidateOf(caseManager, first, second).get("linked").asBoolean());

        for (UUID[] sides : new UUID[][] {{second, first}, {first, second}}) {
            JsonNode event = eventOf(sides[0], "SamePersonLinked");
            assertThat(event.at("/payload/otherCaseId").asString()).isEqualTo(sides[1].toString());
            assertThat(event.at("/payload/decidedOnCaseId").asString()).isEqualTo(second.toString());
            assertThat(event.at("/metadata/organisationId").asString()).isEqualTo(SOCIAL_WELFARE);
        }

        // the court export names the other case by its id only
        ApiClient prosecutor = as(Role.PROSECUTOR, POLICE);
        assertThat(prosecutor.post("/api/cases/" + first + "/legal-basis", CaseRequests.legalBasis()).status())
                .isEqualTo(201);
        JsonNode exported = prosecutor.get("/api/cases/" + first + "/audit-export?format=json").body().get("events");
        JsonNode link = exported.valueStream().filter(e -> e.at("/summary/what").asString().equals("SamePersonLinked"))
                .findFirst().orElseThrow();
        assertThat(link.toString()).contains(second.toString()).doesNotContain("Милена");
    }

    /**
     * Browser step 66's person: a name with "lj" and "nj" opened in Latin, then in Cyrillic ("љ", "њ"), is a possible
     * match for the case manager signed in (a person's token, with a user id), scored as the same spelling.
     */
    @Test
    void aNameWithLjAndNjInCyrillicMatchesItsLatinSpelling() {
        UUID first = presumedVictim("Ljiljana", "Njegovanović");
        UUID second = presumedVictim("Љиљана", "Његовановић");
        JsonNode candidate = candidateOf(caseManager, second, first);
        assertThat(candidate.get("score").asDouble()).as("both names agree, as in one script")
                .isEqualTo(candidateOf(caseManager, first, second).get("score").asDouble())
                .isGreaterThanOrEqualTo(4.0 + 3.0 + 4.0);
    }

    @Test
    void aDismissedCandidateIsRecordedOnBothCasesAndNoLongerShown() {
        UUID first = presumedVictim("Jelena", "Đorđević");
        UUID second = presumedVictim("Jelena", "Djordjevic");
        candidateOf(authority, second, first);
        Answer dismissed = authority.post("/api/cases/" + second + "/possible-matches/" + first + "/dismiss",
                Map.of());
        assertThat(dismissed.status()).as(dismissed.raw().body()).isEqualTo(201);
        awaitProcessing().until(() -> candidates(caseManager, second).noneMatch(first.toString()::equals)
                && candidates(caseManager, first).noneMatch(second.toString()::equals));
        assertThat(eventOf(first, "PossibleMatchDismissed").at("/payload/otherCaseId").asString())
                .isEqualTo(second.toString());
        assertThat(eventOf(second, "PossibleMatchDismissed").at("/metadata/organisationId").asString())
                .isEqualTo(AUTHORITY);
        Answer notACandidate = authority.post("/api/cases/" + second + "/possible-matches/" + first + "/link",
                Map.of());
        assertThat(notACandidate.status()).as("a dismissed candidate is no candidate").isEqualTo(404);
        assertThat(notACandidate.contentType()).startsWith("application/problem+json");
    }

    @Test
    void theIndexHoldsNoNameInAnyEncodingAndForgetsAnErasedPerson() {
        UUID first = presumedVictim("Dragana", "Vukašinović");
        UUID second = presumedVictim("Драгана", "Вукашиновић");
        candidateOf(caseManager, second, first);

        List<String> stored = indexDocuments();
        assertThat(stored).isNotEmpty();
        List<String> forms = new ArrayList<>();
        for (String name : List.of("Dragana", "Vukašinović", "Драгана", "Вукашиновић", "Vukasinovic", "vukasinovic",
                "dragana", born.toString(), Integer.toString(born.getYear()) + "-")) {
            for (String form : List.of(name, name.toUpperCase(Locale.ROOT), name.toLowerCase(Locale.ROOT))) {
                byte[] bytes = form.getBytes(StandardCharsets.UTF_8);
                forms.addAll(List.of(form, Base64.getEncoder().encodeToString(bytes),
                        Base64.getUrlEncoder().withoutPadding().encodeToString(bytes),
                        HexFormat.of().formatHex(bytes), HexFormat.of().withUpperCase().formatHex(bytes)));
            }
        }
        for (String document : stored) {
            for (String form : forms) {
                assertThat(document).as("the index's documents hold no %s", form).doesNotContain(form);
            }
        }

        assertThat(caseManager.post("/api/cases/" + first + "/subject-erasure", Map.of("legalBasis",
                Map.of("reference", "GDPR Art. 17, request 26/3", "requestedBy", "the data subject"))).status())
                .isEqualTo(200);
        awaitProcessing().until(() -> indexDocuments().stream().noneMatch(d -> d.contains(first.toString())));
        assertThat(candidates(caseManager, second)).doesNotContain(first.toString());
        assertThat(caseManager.get("/api/cases/" + first + "/possible-matches").status()).isEqualTo(404);
    }

    @Test
    void onlyTheDecidersOfTheCaseSeeItsPossibleMatches() {
        UUID caseId = presumedVictim("Milica", "Ilić");
        String path = "/api/cases/" + caseId + "/possible-matches";
        awaitProcessing().until(() -> caseManager.get(path).status() == 200);
        for (Role role : List.of(Role.FIRST_LINE, Role.SERVICE_PROVIDER, Role.PROSECUTOR, Role.MONITOR,
                Role.OPERATOR, Role.ADMINISTRATOR, Role.APPROVER)) {
            Answer answer = as(role, SOCIAL_WELFARE).get(path);
            assertThat(answer.status()).as(role.name()).isEqualTo(403);
            assertThat(answer.contentType()).startsWith("application/problem+json");
        }
        assertThat(as(Role.CASE_MANAGER, OTHER_POLICE).get(path).status())
                .as("the case manager of another organisation").isEqualTo(404);
        Answer random = caseManager.post(path + "/" + UUID.randomUUID() + "/link", Map.of());
        assertThat(random.status()).isEqualTo(404);
        assertThat(random.body().get("detail").asString()).contains("is not a possible match");
        Answer notAnId = caseManager.post(path + "/case-1/link", Map.of());
        assertThat(notAnId.status()).isEqualTo(400);
        assertThat(notAnId.contentType()).startsWith("application/problem+json");
    }

    /** Opened by the police with this test's date of birth, flagged to the social welfare centre. */
    private UUID presumedVictim(String givenName, String familyName) {
        UUID caseId = UUID.randomUUID();
        Map<String, Object> body = CaseRequests.open(caseId, "ADULT", born);
        @SuppressWarnings("unchecked")
        Map<String, Object> subject = (Map<String, Object>) body.get("dataSubject");
        subject.put("givenName", givenName);
        subject.put("familyName", familyName);
        subject.put("citizenship", List.of("RS"));
        assertThat(firstLine.post("/api/cases", body).status()).isEqualTo(201);
        String path = "/api/cases/" + caseId;
        assertThat(firstLine.post(path + "/indicator-assessments", CaseRequests.labourAssessment()).status())
                .isEqualTo(201);
        assertThat(firstLine.post(path + "/presumed-victim", CaseRequests.presumedVictim()).status()).isEqualTo(200);
        return caseId;
    }

    private JsonNode candidateOf(ApiClient client, UUID caseId, UUID other) {
        return awaitProcessing().until(() -> {
            Answer answer = client.get("/api/cases/" + caseId + "/possible-matches");
            return answer.status() != 200 ? null : answer.body().get("candidates").valueStream()
                    .filter(c -> c.get("caseId").asString().equals(other.toString())).findFirst().orElse(null);
        }, found -> found != null);
    }

    private java.util.stream.Stream<String> candidates(ApiClient client, UUID caseId) {
        return client.get("/api/cases/" + caseId + "/possible-matches").body().get("candidates").valueStream()
                .map(c -> c.get("caseId").asString());
    }

    private JsonNode eventOf(UUID caseId, String type) {
        return awaitProcessing().until(() -> caseManager.get("/api/cases/" + caseId + "/history").body()
                .get("events").valueStream().filter(e -> e.get("type").asString().equals(type)).findFirst()
                .orElse(null), found -> found != null);
    }

    private List<String> indexDocuments() {
        List<String> documents = new ArrayList<>();
        for (String collection : mongo.getCollectionNames()) {
            if (collection.startsWith("person_index")) {
                mongo.getCollection(collection).find().map(Document::toJson).into(documents);
            }
        }
        return documents;
    }
}
