package org.nrmplatform.caseservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.nrmplatform.contracts.cases.AgeCategory;
import org.nrmplatform.contracts.cases.CaseEvents.CaseOpened;
import org.nrmplatform.contracts.cases.CaseEvents.IdentificationDecided;
import org.nrmplatform.contracts.cases.CaseEvents.PresumedVictimFlagged;
import org.nrmplatform.contracts.cases.IdentificationOutcome;
import org.nrmplatform.contracts.cases.ScreeningLocation;
import org.nrmplatform.contracts.cases.SealedDataSubject;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.contracts.privacy.PersonalField;
import org.nrmplatform.shared.privacy.PersonalData;
import org.nrmplatform.shared.testing.ApiClient;
import org.nrmplatform.shared.testing.ApiClient.Answer;
import org.nrmplatform.shared.testing.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/statistics/ctdc} end to end, in the context shared with the other API tests: its cases are of a
 * year, sector and type of exploitation no other test uses (screened in 2019 by the employment service; organ
 * removal), so that they change no cell another test asserts on; every export it receives is checked for
 * k-anonymity over all its rows, whoever's cases they are. Mapping and suppression in detail: CtdcExportTest.
 */
class CtdcExportApiTest extends ApiTest {

    private static final String MONITOR_ORGANISATION = "0f6a3c1e-7777-4a2b-9c3d-000000000007";

    @Autowired
    PersonalData personalData;
    @Autowired
    EventStorageEngine events;

    @Test
    void theMonitorGetsAKAnonymousCsvInCtdcsColumnsAndOtherRolesAreRefused() throws Exception {
        for (int i = 0; i < 12; i++) {
            record();
        }
        ApiClient monitor = as(Role.MONITOR, MONITOR_ORGANISATION);
        awaitProcessing().until(() -> monitor.get("/api/statistics/ctdc?from=2019&to=2019").body().get("rows").size() == 12);
        JsonNode row = monitor.get("/api/statistics/ctdc?from=2019&to=2019").body().at("/rows/0");
        assertThat(row.get("yearOfRegistration").asString()).isEqualTo("2019");
        assertThat(row.get("gender").asString()).isEqualTo("Male");
        assertThat(row.get("ageBroad").asString()).isEqualTo("18--20");
        assertThat(row.get("majorityStatus").asString()).isEqualTo("Adult");
        assertThat(row.get("citizenship").asString()).isEqualTo("MD");
        assertThat(row.get("isOrganRemoval").asString()).isEqualTo("1");
        assertThat(row.get("meansOfControlWithholdsDocuments").asString()).isEqualTo("1");
        assertThat(row.get("CountryOfExploitation").asString()).isEqualTo("-99");

        HttpResponse<String> csv = csv("/api/statistics/ctdc?format=csv", Role.MONITOR);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).startsWith("yearOfRegistration,Datasource,gender,ageBroad,majorityStatus,")
                .endsWith(",recruiterRelationOther,recruiterRelationUnknown");
        Map<String, Integer> classes = new HashMap<>();
        lines.stream().skip(1).forEach(line -> classes.merge(line, 1, Integer::sum));
        System.out.printf("CTDC export over HTTP: %d rows in %d classes, smallest class %d%n", lines.size() - 1,
                classes.size(), classes.values().stream().mapToInt(Integer::intValue).min().orElse(0));
        assertThat(classes.values()).as("rows identical to each row").allMatch(size -> size >= 11);
        assertThat(lines.stream().skip(1)).allMatch(line -> line.split(",", -1).length == 63);
        assertThat(lines).filteredOn(line -> line.startsWith("2019,Case Management,Male,18--20,Adult,")).hasSize(12);

        for (Role role : Arrays.stream(Role.values()).filter(role -> role != Role.MONITOR).toList()) {
            assertThat(as(role, MONITOR_ORGANISATION).get("/api/statistics/ctdc").status()).as(role.name())
                    .isEqualTo(403);
            assertThat(csv("/api/statistics/ctdc?format=csv", role).statusCode()).as(role.name()).isEqualTo(403);
        }
        assertThat(anonymous.get("/api/statistics/ctdc").status()).isEqualTo(401);
    }

    @Test
    void aBadRangeIsAProblemNamingTheParameter() {
        ApiClient monitor = as(Role.MONITOR, MONITOR_ORGANISATION);
        Answer backwards = monitor.get("/api/statistics/ctdc?from=2026&to=2025");
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.contentType()).startsWith("application/problem+json");
        assertThat(backwards.body().at("/errors/0/field").asString()).isEqualTo("to");
        assertThat(backwards.body().get("detail").asString()).contains("2025");
        Answer notAYear = monitor.get("/api/statistics/ctdc?from=last");
        assertThat(notAYear.status()).isEqualTo(400);
        assertThat(notAYear.body().at("/errors/0/field").asString()).isEqualTo("from");
        assertThat(monitor.get("/api/statistics/ctdc?format=xlsx").body().at("/errors/0/field").asString())
                .isEqualTo("format");
    }

    private HttpResponse<String> csv(String path, Role role) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + TestTokens.get().forRole(role, MONITOR_ORGANISATION))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An identified victim screened in 2019, as case-service records it, appended straight to the event store. */
    private void record() {
        UUID caseId = UUID.randomUUID();
        String id = caseId.toString();
        append(id, 0, new CaseOpened(caseId, "EMPLOYMENT_SERVICE", Instant.parse("2019-05-01T10:00:00Z"),
                new ScreeningLocation("RS", "Subotica", null),
                new SealedDataSubject(personalData.seal(caseId, PersonalField.GIVEN_NAME, "Ion"),
                        personalData.seal(caseId, PersonalField.FAMILY_NAME, "Rusu"),
                        personalData.seal(caseId, PersonalField.DATE_OF_BIRTH, LocalDate.of(2000, 1, 1)),
                        AgeCategory.ADULT, "Masculine", List.of("MD")), POLICE));
        append(id, 1, new PresumedVictimFlagged(caseId,
                personalData.seal(caseId, PersonalField.PRESUMED_VICTIM_GROUNDS, "grounds"), SOCIAL_WELFARE));
        append(id, 2, new IdentificationDecided(caseId, IdentificationOutcome.IDENTIFIED,
                personalData.seal(caseId, PersonalField.IDENTIFICATION_REASONS, "reasons"),
                List.of("OrganRemoval"), List.of("WithholdsDocuments")));
    }

    private void append(String aggregateId, long sequence, Object event) {
        events.appendEvents(new GenericDomainEventMessage<>("Case", aggregateId, sequence, event));
    }
}
