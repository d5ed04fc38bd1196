package org.nrmplatform.caseservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.nrmplatform.contracts.cases.AgeCategory;
import org.nrmplatform.contracts.cases.SealedDataSubject;
import org.nrmplatform.contracts.cases.CaseEvents.CaseOpened;
import org.nrmplatform.contracts.cases.CaseEvents.IdentificationDecided;
import org.nrmplatform.contracts.cases.CaseEvents.PresumedVictimFlagged;
import org.nrmplatform.contracts.cases.IdentificationOutcome;
import org.nrmplatform.contracts.cases.ScreeningLocation;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.contracts.privacy.PersonalField;
import org.nrmplatform.shared.privacy.PersonalData;
import org.nrmplatform.shared.testing.ApiClient;
import org.nrmplatform.shared.testing.ApiClient.Answer;
import org.nrmplatform.shared.testing.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code GET /api/statistics} end to end, in the context shared with the other API tests: the statistics
 * count every case there, so this test's cases have values no other test uses (detected by schools, sex
 * NonConforming, forced marriage), and it asserts only on their cells. Exact tables, suppression and
 * differencing are in MonitoringStatisticsTest.
 */
class StatisticsApiTest extends ApiTest {

    @Autowired
    PersonalData personalData;

    private static final String MONITOR_ORGANISATION = "0f6a3c1e-7777-4a2b-9c3d-000000000007";

    @Autowired
    EventStorageEngine events;

    @Test
    void theStatisticsCountCasesFromTheirEventsForTheMonitorOnly() {
        for (int i = 0; i < 12; i++) {
            record();
        }
        ApiClient monitor = as(Role.MONITOR, MONITOR_ORGANISATION);
        String bySex = "/api/statistics?groupBy=detectingSector,sex&detectingSector=EDUCATION";
        awaitProcessing().until(() -> monitor.get(bySex).body().at("/cells/0/count").asLong(0) == 12);
        Answer answer = monitor.get(bySex);
        assertThat(answer.body().get("cells").size()).isEqualTo(1);
        assertThat(answer.body().at("/cells/0/values/sex").asString()).isEqualTo("NonConforming");
        assertThat(answer.body().at("/cells/0/count").asLong()).isEqualTo(12);
        assertThat(answer.body().get("suppressionThreshold").asInt()).as("the default").isEqualTo(10);
        awaitProcessing().until(() -> monitor.get(
                "/api/statistics?groupBy=detectingSector,typeOfExploitation&detectingSector=EDUCATION&"
                        + "typeOfExploitation=ForcedMarriage").body().at("/cells/0/count").asLong(0) == 12);

        assertThat(caseManager.get("/api/statistics").status()).isEqualTo(403);
        assertThat(as(Role.ADMINISTRATOR, MONITOR_ORGANISATION).get("/api/statistics").status()).isEqualTo(403);
    }

    @Test
    void theCsvExportIsTextCsvWithCtdcColumnNames() throws Exception {
        HttpResponse<String> csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + port + "/api/statistics?groupBy=sex,ageBand,year&format=csv"))
                .header("Authorization", "Bearer " + TestTokens.get().forRole(Role.MONITOR, MONITOR_ORGANISATION))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(csv.body()).startsWith("prs_Gender,ageBroad,yearOfRegistration,count,suppressed\r\n");
    }

    @Test
    void badQuestionsAreProblemsNamingTheParameter() {
        ApiClient monitor = as(Role.MONITOR, MONITOR_ORGANISATION);
        Answer unknown = monitor.get("/api/statistics?groupBy=stage,religion");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.body().at("/errors/0/field").asString()).isEqualTo("groupBy");
        assertThat(unknown.body().get("detail").asString()).contains("religion");
        Answer ungrouped = monitor.get("/api/statistics?groupBy=sex&year=2026");
        assertThat(ungrouped.status()).isEqualTo(400);
        assertThat(ungrouped.body().at("/errors/0/field").asString()).isEqualTo("year");
        assertThat(monitor.get("/api/statistics?groupBy=stage,sex,year,country").status()).isEqualTo(400);
    }

    /** A decided case as case-service records it, appended straight to the event store. */
    private void record() {
        UUID caseId = UUID.randomUUID();
        String id = caseId.toString();
        Instant screenedAt = Instant.parse("2025-03-01T10:00:00Z");
        append(id, 0, new CaseOpened(caseId, "EDUCATION", screenedAt, new ScreeningLocation("RS", "Niš", null),
                new SealedDataSubject(personalData.seal(caseId, PersonalField.GIVEN_NAME, "Ana"),
                        personalData.seal(caseId, PersonalField.FAMILY_NAME, "Petrović"),
                        personalData.seal(caseId, PersonalField.DATE_OF_BIRTH, LocalDate.of(2000, 1, 1)),
                        AgeCategory.ADULT, "NonConforming", List.of("MD")), POLICE));
        append(id, 1, new PresumedVictimFlagged(caseId,
                personalData.seal(caseId, PersonalField.PRESUMED_VICTIM_GROUNDS, "grounds"), SOCIAL_WELFARE));
        append(id, 2, new IdentificationDecided(caseId, IdentificationOutcome.IDENTIFIED,
                personalData.seal(caseId, PersonalField.IDENTIFICATION_REASONS, "reasons"),
                List.of("ForcedMarriage"), List.of()));
    }

    /** Recorded now, as a command would record it (durations from event times are MonitoringStatisticsTest's). */
    private void append(String aggregateId, long sequence, Object event) {
        events.appendEvents(new GenericDomainEventMessage<>("Case", aggregateId, sequence, event));
    }
}
