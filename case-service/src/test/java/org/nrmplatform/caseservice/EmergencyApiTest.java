package org.nrmplatform.caseservice;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
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
 * Emergency situations over HTTP: a first-line professional registers a situation and a group of persons in one
 * request; each person is a case opened as any other (sealed, in the opening organisation's scope), linked to the
 * situation in its history and court export, "to complete" until a full indicator set is answered; each line is
 * answered with its own outcome, the group is safely repeated, a wrong line stores nothing; the situation's cases
 * are listed only as far as the caller sees them; the statistics count by situation with the same suppression.
 */
class EmergencyApiTest extends ApiTest {

    private static final String SITUATIONS = "/api/emergency-situations";
    private static final String MONITOR_ORGANISATION = "0f6a3c1e-7777-4a2b-9c3d-000000000007";

    @Autowired
    MongoClient client;
    @Autowired
    StoreProperties store;

    @Test
    void aGroupRegisteredRapidlyBecomesCasesToCompleteLinkedToTheSituation() {
        String situationId = situation();
        ApiClient monitor = as(Role.MONITOR, MONITOR_ORGANISATION);
        JsonNode listed = awaitProcessing().until(() -> monitor.get(SITUATIONS).body(), all -> all.valueStream()
                .anyMatch(one -> one.get("situationId").asString().equals(situationId)));
        assertThat(listed.valueStream().filter(one -> one.get("situationId").asString().equals(situationId))
                .findFirst().orElseThrow().get("municipality").asString()).isEqualTo("Subotica");

        List<Map<String, Object>> persons = List.of(person("emrgmarker-01", "Masculine"),
                person("emrgmarker-02", "Feminine"), person("emrgmarker-03", "Masculine"));
        Map<String, Object> group = group(persons);
        Answer registered = firstLine.post(SITUATIONS + "/" + situationId + "/persons", group);
        assertThat(registered.status()).as(registered.raw().body()).isEqualTo(201);
        assertThat(registered.body().get("stored").asInt()).isEqualTo(3);
        List<String> caseIds = registered.body().get("persons").valueStream()
                .map(line -> line.get("caseId").asString()).toList();
        assertThat(registered.body().get("persons").valueStream().map(line -> line.get("outcome").asString()))
                .containsOnly("STORED");

        // each person is a case as any other: the first-line view, opened where the situation is
        JsonNode opened = awaitProcessing().until(() -> firstLine.get("/api/cases/" + caseIds.get(0)),
                answer -> answer.status() == 200 && answer.body().get("assessments").size() == 1).body();
        assertThat(opened.at("/location/municipality").asString()).isEqualTo("Subotica");
        assertThat(opened.at("/dataSubject/sex").asString()).isEqualTo("Masculine");
        assertThat(opened.at("/assessments/0/indicatorSetId").asString()).isEqualTo("rapid-v1");
        assertThat(opened.at("/assessments/0/result/reasonableGroundsIndicated").asBoolean()).isTrue();

        // the same group again (a timeout, a second press): nothing stored twice
        Answer again = firstLine.post(SITUATIONS + "/" + situationId + "/persons", group);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.body().get("alreadyStored").asInt()).isEqualTo(3);

        JsonNode toComplete = awaitProcessing().until(() -> firstLine.get(SITUATIONS + "/cases-to-complete").body(),
                rows -> rows.valueStream().filter(row -> caseIds.contains(row.get("caseId").asString())).count() == 3);
        JsonNode first = toComplete.valueStream().filter(row -> row.get("caseId").asString().equals(caseIds.get(0)))
                .findFirst().orElseThrow();
        assertThat(first.get("temporaryReference").asString()).isEqualTo("emrgmarker-01");
        assertThat(first.at("/immediateNeeds/0").asString()).isEqualTo("MEDICAL");

        // completed through the case's normal form: a full indicator set
        assertThat(firstLine.post("/api/cases/" + caseIds.get(0) + "/indicator-assessments",
                CaseRequests.labourAssessment()).status()).isEqualTo(201);
        JsonNode ofSituation = awaitProcessing().until(() -> firstLine.get(SITUATIONS + "/" + situationId + "/cases")
                .body(), answer -> answer.get("toComplete").asLong() == 2);
        assertThat(ofSituation.get("cases").size()).isEqualTo(3);
        assertThat(ofSituation.get("others").asLong()).isZero();

        // another police force sees the situation, not its cases
        JsonNode otherPolice = as(Role.FIRST_LINE, OTHER_POLICE).get(SITUATIONS + "/" + situationId + "/cases").body();
        assertThat(otherPolice.get("cases").size()).isZero();
        assertThat(otherPolice.get("others").asLong()).isEqualTo(3);
        assertThat(as(Role.FIRST_LINE, OTHER_POLICE).get(SITUATIONS + "/" + situationId + "/history").body()
                .valueStream().filter(entry -> entry.get("type").asString().equals("CaseRegisteredInEmergency"))
                .allMatch(entry -> entry.get("caseId").isNull())).isTrue();
        JsonNode situationHistory = firstLine.get(SITUATIONS + "/" + situationId + "/history").body();
        assertThat(situationHistory.get(0).get("type").asString()).isEqualTo("EmergencySituationRegistered");
        assertThat(situationHistory.valueStream().filter(entry -> !entry.get("caseId").isNull()).count())
                .isEqualTo(3);

        // the case's history and court export say it was registered in the situation
        ApiClient managerOfPolice = as(Role.CASE_MANAGER, POLICE);
        JsonNode link = managerOfPolice.get("/api/cases/" + caseIds.get(1) + "/history").body().get("events")
                .valueStream().filter(e -> e.get("type").asString().equals("CaseRegisteredInEmergency"))
                .findFirst().orElseThrow();
        assertThat(link.at("/payload/situationId").asString()).isEqualTo(situationId);
        assertThat(link.at("/payload/temporaryReference").asString()).isEqualTo("emrgmarker-02");
        ApiClient prosecutor = as(Role.PROSECUTOR, POLICE);
        assertThat(prosecutor.post("/api/cases/" + caseIds.get(1) + "/legal-basis", CaseRequests.legalBasis())
                .status()).isEqualTo(201);
        JsonNode export = prosecutor.get("/api/cases/" + caseIds.get(1) + "/audit-export?format=json").body();
        assertThat(export.at("/verification/status").asString()).isEqualTo("INTACT");
        JsonNode inExport = export.get("events").valueStream()
                .filter(e -> e.at("/summary/what").asString().equals("CaseRegisteredInEmergency"))
                .findFirst().orElseThrow();
        assertThat(inExport.at("/readable/temporaryReference").asString()).isEqualTo("emrgmarker-02");
        assertThat(inExport.at("/readable/situationId").asString()).isEqualTo(situationId);

        assertThat(ClearTextScan.find(client, List.of(store.eventDatabase(), store.serviceDatabase()),
                List.of("emrgmarker"))).isEmpty();
    }

    @Test
    void aWrongLineStoresNothingAndALineWhoseIdIsTakenIsAnsweredOnItsOwn() {
        String situationId = situation();
        String persons = SITUATIONS + "/" + situationId + "/persons";
        Map<String, Object> good = person("A-1", "Feminine");
        Map<String, Object> wrong = new HashMap<>(person("A-2", "Feminine"));
        wrong.put("sex", "Robot");
        Answer refused = firstLine.post(persons, group(List.of(good, wrong)));
        assertProblem(refused, 422, "persons[1].sex");
        assertThat(refused.body().at("/persons/0/outcome").asString()).isEqualTo("NOT_STORED");
        assertThat(firstLine.get("/api/cases/" + good.get("caseId")).status()).as("nothing stored").isEqualTo(404);

        Map<String, Object> unknownAnswer = new HashMap<>(person("A-3", "Feminine"));
        unknownAnswer.put("rapidAnswers", Map.of("LAB-01", "PRESENT"));
        assertProblem(firstLine.post(persons, group(List.of(unknownAnswer))), 422, "persons[0].rapidAnswers");
        Map<String, Object> badNeed = new HashMap<>(person("A-4", "Feminine"));
        badNeed.put("immediateNeeds", List.of("PIZZA"));
        assertProblem(firstLine.post(persons, group(List.of(badNeed))), 422, "persons[0].immediateNeeds");

        // the 2nd line's id is a case opened otherwise: the others are stored, the 2nd is answered on its own
        UUID taken = UUID.randomUUID();
        assertThat(firstLine.post("/api/cases", CaseRequests.openAdult(taken)).status()).isEqualTo(201);
        Map<String, Object> clashing = new HashMap<>(person("A-5", "Masculine"));
        clashing.put("caseId", taken.toString());
        Map<String, Object> third = person("A-6", "Masculine");
        Answer conflict = firstLine.post(persons, group(List.of(good, clashing, third)));
        assertProblem(conflict, 409, "persons[1].caseId");
        assertThat(conflict.body().get("persons").valueStream().map(line -> line.get("outcome").asString()))
                .containsExactly("STORED", "ID_IN_USE", "STORED");

        // corrected and sent again: the stored lines are not stored twice
        clashing.put("caseId", UUID.randomUUID().toString());
        Answer repeated = firstLine.post(persons, group(List.of(good, clashing, third)));
        assertThat(repeated.status()).as(repeated.raw().body()).isEqualTo(201);
        assertThat(repeated.body().get("persons").valueStream().map(line -> line.get("outcome").asString()))
                .containsExactly("ALREADY_STORED", "STORED", "ALREADY_STORED");
    }

    @Test
    void badInputIsAProblemNamingTheField() {
        String situationId = situation();
        String persons = SITUATIONS + "/" + situationId + "/persons";
        assertProblem(firstLine.post(persons, group(List.of())), 400, "persons");
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            tooMany.add(person("T-" + i, "Masculine"));
        }
        assertProblem(firstLine.post(persons, group(tooMany)), 400, "persons");
        Map<String, Object> noSex = new HashMap<>(person("B-1", "Masculine"));
        noSex.remove("sex");
        assertProblem(firstLine.post(persons, group(List.of(noSex))), 400, "persons[0].sex");
        Map<String, Object> noScreening = new HashMap<>(group(List.of(person("B-2", "Masculine"))));
        noScreening.remove("screenedAt");
        assertProblem(firstLine.post(persons, noScreening), 400, "screenedAt");
        Answer unknown = firstLine.post(SITUATIONS + "/" + UUID.randomUUID() + "/persons",
                group(List.of(person("B-3", "Masculine"))));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");

        Map<String, Object> situation = situationRequest(null);
        assertProblem(firstLine.post(SITUATIONS, with(situation, "kind", "PARTY")), 422, "kind");
        assertProblem(firstLine.post(SITUATIONS, with(situation, "country", "QQ")), 422, "country");
        assertProblem(firstLine.post(SITUATIONS, with(situation, "municipality", " ")), 400, "municipality");
        assertProblem(firstLine.post(SITUATIONS, with(situation, "startedOn", "2126-01-01")), 400, "startedOn");

        // a situation id sent twice: the same content is the same situation, other content is refused
        UUID id = UUID.randomUUID();
        assertThat(firstLine.post(SITUATIONS, situationRequest(id)).status()).isEqualTo(201);
        assertThat(firstLine.post(SITUATIONS, situationRequest(id)).status()).isEqualTo(201);
        Answer other = firstLine.post(SITUATIONS, with(situationRequest(id), "kind", "RESCUE"));
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.contentType()).startsWith("application/problem+json");

        assertThat(as(Role.SERVICE_PROVIDER, SOCIAL_WELFARE).post(persons, Map.of()).status())
                .as("authorization before validation").isEqualTo(403);
    }

    @Test
    void theStatisticsCountBySituationWithTheSameSuppression() {
        String situationId = situation();
        List<Map<String, Object>> persons = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            persons.add(person("S-" + i, "Masculine"));
        }
        persons.add(person("S-12", "Feminine"));
        assertThat(firstLine.post(SITUATIONS + "/" + situationId + "/persons", group(persons)).status())
                .isEqualTo(201);
        ApiClient monitor = as(Role.MONITOR, MONITOR_ORGANISATION);
        String bySituation = "/api/statistics?groupBy=emergencySituation&emergencySituation=" + situationId;
        JsonNode table = awaitProcessing().until(() -> monitor.get(bySituation).body(),
                answer -> answer.at("/cells/0/count").asLong(0) == 13);
        assertThat(table.get("cells").size()).isEqualTo(1);
        JsonNode bySex = monitor.get("/api/statistics?groupBy=emergencySituation,sex&emergencySituation="
                + situationId).body();
        JsonNode feminine = bySex.get("cells").valueStream()
                .filter(cell -> cell.at("/values/sex").asString().equals("Feminine")).findFirst().orElseThrow();
        assertThat(feminine.get("suppressed").asBoolean()).as("one person: below the threshold").isTrue();
        assertThat(feminine.get("count").isNull()).isTrue();
        assertThat(monitor.get("/api/statistics?groupBy=sex&emergencySituation=" + situationId).status())
                .as("a filter selects cells of a table grouped by it").isEqualTo(400);
    }

    private String situation() {
        Answer answer = firstLine.post(SITUATIONS, situationRequest(null));
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(201);
        return answer.body().get("situationId").asString();
    }

    private static Map<String, Object> situationRequest(UUID id) {
        Map<String, Object> body = new HashMap<>(Map.of("kind", "RAID", "country", "RS", "municipality", "Subotica",
                "startedOn", LocalDate.now().toString(), "description", "Raid on a greenhouse complex at dawn"));
        if (id != null) {
            body.put("situationId", id.toString());
        }
        return body;
    }

    private static Map<String, Object> group(List<Map<String, Object>> persons) {
        return Map.of("detectingSector", "POLICE", "screenedAt",
                Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString(), "persons", persons);
    }

    private static Map<String, Object> person(String reference, String sex) {
        return new HashMap<>(Map.of("caseId", UUID.randomUUID().toString(), "temporaryReference", reference,
                "sex", sex, "ageCategory", "ADULT", "citizenship", List.of("in"), "languages", List.of("pa"),
                "immediateNeeds", List.of("MEDICAL"),
                "rapidAnswers", Map.of("RAP-01", "PRESENT", "RAP-03", "PRESENT", "RAP-05", "ABSENT")));
    }

    private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> changed = new HashMap<>(body);
        changed.put(field, value);
        return changed;
    }

    private static void assertProblem(Answer answer, int status, String field) {
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().get("errors").valueStream().map(error -> error.get("field").asString()))
                .as(answer.raw().body()).contains(field);
    }
}
