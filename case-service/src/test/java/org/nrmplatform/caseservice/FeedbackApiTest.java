package org.nrmplatform.caseservice;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.shared.store.StoreProperties;
import org.nrmplatform.shared.testing.ApiClient;
import org.nrmplatform.shared.testing.ApiClient.Answer;
import org.nrmplatform.shared.testing.ClearTextScan;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The person's feedback over HTTP: the case manager issues a one-time link, the person opens it and gives
 * feedback without any token, once; nothing of the case is in the person's answers; a used, revoked, unknown or
 * malformed token is the same 404; the case managers read the feedback given, nobody else; the history has it, the
 * court export only that it was given; the comment is sealed wherever stored; bad input is a problem naming the
 * field.
 */
class FeedbackApiTest extends ApiTest {

    static final String COMMENT = "feedbackmarker The interpreter at the police station did not speak my dialect";

    @Autowired
    MongoClient client;
    @Autowired
    StoreProperties store;

    @Test
    void thePersonGivesFeedbackOnceThroughTheLinkAndTheCaseManagerReadsIt() {
        UUID caseId = openCase(this);
        String feedback = "/api/cases/" + caseId + "/feedback";
        Answer issued = caseManager.post(feedback + "/links", Map.of("language", "sq"));
        assertThat(issued.status()).as(issued.raw().body()).isEqualTo(201);
        assertThat(issued.header("Cache-Control")).contains("no-store");
        String token = issued.body().get("token").asString();
        assertThat(token).hasSize(43); // 256 bits, base64url
        assertThat(issued.body().get("path").asString()).isEqualTo("/web/feedback/" + token + "?lang=sq");
        String link = "/api/feedback/" + token;

        // the person, without any token: the questionnaire in their language and nothing of the case
        Answer opened = anonymous.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + port + link)).GET(), Map.of("Accept-Language", "sq"));
        assertThat(opened.status()).as(opened.raw().body()).isEqualTo(200);
        assertThat(opened.body().get("language").asString()).isEqualTo("sq");
        assertThat(opened.body().at("/questions/0/code").asString()).isEqualTo("SATISFIED");
        assertThat(opened.body().at("/answers/0/label").asString()).isEqualTo("Po");
        assertThat(opened.raw().body()).doesNotContain(caseId.toString()).doesNotContain(SOCIAL_WELFARE)
                .doesNotContain("Popescu");

        Answer given = anonymous.post(link, Map.of("answers", Map.of("SATISFIED", "YES", "FELT_SAFE", "PARTLY"),
                "comment", COMMENT, "language", "sq"));
        assertThat(given.status()).as(given.raw().body()).isEqualTo(204);

        // used: refused, the same way as a token never issued, a malformed one and a revoked link
        Answer again = anonymous.post(link, Map.of("answers", Map.of("SATISFIED", "NO")));
        Answer reopened = anonymous.get(link);
        Answer unknown = anonymous.get("/api/feedback/" + "A".repeat(43));
        Answer malformed = anonymous.post("/api/feedback/not-a-token", Map.of("answers", Map.of("SATISFIED", "NO")));
        String revokedLink = "/api/feedback/" + caseManager.post(feedback + "/links", Map.of()).body().get("token")
                .asString();
        for (Answer refused : List.of(again, reopened, unknown, malformed)) {
            assertThat(refused.status()).as(refused.raw().body()).isEqualTo(404);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.body().get("detail").asString()).isEqualTo(again.body().get("detail").asString());
        }

        JsonNode shown = awaitProcessing().until(() -> caseManager.get(feedback).body(),
                list -> list.size() == 2 && list.valueStream().anyMatch(f -> f.get("status").asString().equals("GIVEN")));
        JsonNode givenView = shown.valueStream().filter(f -> f.get("status").asString().equals("GIVEN"))
                .findFirst().orElseThrow();
        assertThat(givenView.get("channel").asString()).isEqualTo("LINK");
        assertThat(givenView.get("comment").asString()).isEqualTo(COMMENT);
        assertThat(givenView.at("/answers/0/question").asString()).isEqualTo("SATISFIED");
        assertThat(givenView.at("/answers/0/answer").asString()).isEqualTo("YES");
        String waiting = shown.valueStream().filter(f -> f.get("status").asString().equals("LINK_ISSUED"))
                .findFirst().orElseThrow().get("feedbackId").asString();
        assertThat(caseManager.post(feedback + "/links/" + waiting + "/revocation", Map.of()).status()).isEqualTo(204);
        Answer revoked = anonymous.get(revokedLink);
        assertThat(revoked.status()).isEqualTo(404);
        assertThat(revoked.body().get("detail").asString()).isEqualTo(again.body().get("detail").asString());
        assertThat(caseManager.post(feedback + "/links/" + givenView.get("feedbackId").asString() + "/revocation",
                Map.of()).status()).as("a used link is not taken back").isEqualTo(409);

        // only the case's case managers read it
        for (ApiClient other : List.of(firstLine, authority, as(Role.CASE_MANAGER, OTHER_POLICE),
                as(Role.MONITOR, SOCIAL_WELFARE))) {
            assertThat(other.get(feedback).status()).isIn(403, 404);
        }

        JsonNode history = caseManager.get("/api/cases/" + caseId + "/history").body().get("events");
        assertThat(history.valueStream().map(e -> e.get("type").asString()).toList())
                .contains("FeedbackLinkIssued", "FeedbackGiven", "FeedbackLinkRevoked");
        JsonNode inHistory = history.valueStream().filter(e -> e.get("type").asString().equals("FeedbackGiven"))
                .findFirst().orElseThrow();
        assertThat(inHistory.get("aggregateType").asString()).isEqualTo("Feedback");
        assertThat(inHistory.at("/payload/comment").asString()).isEqualTo(COMMENT);

        ApiClient prosecutor = as(Role.PROSECUTOR, POLICE);
        assertThat(prosecutor.post("/api/cases/" + caseId + "/legal-basis", CaseRequests.legalBasis()).status())
                .isEqualTo(201);
        Answer export = prosecutor.get("/api/cases/" + caseId + "/audit-export?format=json");
        assertThat(export.raw().body()).doesNotContain("feedbackmarker");
        assertThat(export.body().at("/verification/status").asString()).isEqualTo("INTACT");
        JsonNode inExport = export.body().get("events").valueStream()
                .filter(e -> e.at("/summary/what").asString().equals("FeedbackGiven")).findFirst().orElseThrow();
        assertThat(inExport.at("/readable/comment").asString()).startsWith("withheld");
        assertThat(inExport.at("/readable/answers").asString()).startsWith("withheld");
        assertThat(inExport.at("/readable/channel").asString()).isEqualTo("LINK");

        assertThat(prosecutor.get("/api/cases/" + caseId + "/read-log").body().get("reads").valueStream()
                .map(read -> read.get("view").asString()).toList()).contains("feedback");
        assertThat(ClearTextScan.find(client, List.of(store.eventDatabase(), store.serviceDatabase()),
                List.of("feedbackmarker", "did not speak my dialect", token))).isEmpty();
    }

    @Test
    void theCaseManagerRecordsFeedbackAndOtherRolesAreRefusedWhateverTheBody() {
        UUID caseId = openCase(this);
        String feedback = "/api/cases/" + caseId + "/feedback";
        Answer recorded = caseManager.post(feedback, Map.of("answers", Map.of("FELT_RESPECTED", "YES"),
                "comment", "Said she was well looked after"));
        assertThat(recorded.status()).as(recorded.raw().body()).isEqualTo(201);
        JsonNode shown = awaitProcessing().until(() -> caseManager.get(feedback).body(), list -> list.size() == 1);
        assertThat(shown.at("/0/channel").asString()).isEqualTo("CASE_MANAGER");
        assertThat(shown.at("/0/issuedByOrganisationId").asString()).isEqualTo(SOCIAL_WELFARE);

        for (ApiClient other : List.of(firstLine, authority, as(Role.MONITOR, SOCIAL_WELFARE),
                as(Role.SERVICE_PROVIDER, REGISTERED_SHELTER))) {
            assertThat(other.post(feedback, Map.of("nonsense", 1)).status()).isEqualTo(403);
            assertThat(other.post(feedback + "/links", Map.of()).status()).isEqualTo(403);
        }
        assertThat(anonymous.post(feedback, Map.of()).status()).isEqualTo(401);
        assertThat(as(Role.CASE_MANAGER, OTHER_POLICE).post(feedback + "/links", Map.of()).status())
                .as("a case outside the caller's scope").isEqualTo(404);
    }

    @Test
    void badInputIsAProblemNamingTheField() {
        UUID caseId = openCase(this);
        String feedback = "/api/cases/" + caseId + "/feedback";
        assertProblem(caseManager.post(feedback, Map.of("answers", Map.of("SATISFIED", "MAYBE"))), 422,
                "answers.SATISFIED");
        assertProblem(caseManager.post(feedback, Map.of("answers", Map.of("SHOE_SIZE", "YES"))), 422, "answers");
        assertProblem(caseManager.post(feedback, Map.of()), 422, "answers");
        assertProblem(caseManager.post(feedback, Map.of("comment", "x".repeat(4001))), 400, "comment");
        Answer language = caseManager.post(feedback + "/links", Map.of("language", "tlh"));
        assertThat(language.status()).isEqualTo(400);
        assertThat(language.contentType()).startsWith("application/problem+json");

        String link = "/api/feedback/" + caseManager.post(feedback + "/links", Map.of()).body().get("token").asString();
        assertProblem(anonymous.post(link, Map.of("answers", Map.of("SATISFIED", "MAYBE"))), 422, "answers.SATISFIED");
        assertThat(anonymous.get(link).status()).as("a refused answer does not use the link").isEqualTo(200);
        Answer unreadable = anonymous.post(link, "not json");
        assertThat(unreadable.status()).isEqualTo(400);
    }

    /** A presumed victim's case, which the social welfare centre's case managers then work. */
    static UUID openCase(ApiTest test) {
        UUID caseId = UUID.randomUUID();
        assertThat(test.firstLine.post("/api/cases", CaseRequests.openAdult(caseId)).status()).isEqualTo(201);
        String path = "/api/cases/" + caseId;
        assertThat(test.firstLine.post(path + "/indicator-assessments", CaseRequests.labourAssessment()).status())
                .isEqualTo(201);
        assertThat(test.firstLine.post(path + "/presumed-victim", CaseRequests.presumedVictim()).status())
                .isEqualTo(200);
        return caseId;
    }

    private static void assertProblem(Answer answer, int status, String field) {
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().get("errors").valueStream().map(error -> error.get("field").asString()))
                .contains(field);
    }
}
