package org.nrmplatform.caseservice;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.nrmplatform.contracts.cases.AgeCategory;
import org.nrmplatform.contracts.cases.CaseEvents.CaseOpened;
import org.nrmplatform.contracts.cases.ScreeningLocation;
import org.nrmplatform.contracts.cases.SealedDataSubject;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.contracts.privacy.PersonalField;
import org.nrmplatform.shared.privacy.PersonalData;
import org.nrmplatform.shared.testing.ApiClient;
import org.nrmplatform.shared.testing.Progress;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * After a rebuild of {@code case-statistics} its readers follow it to the new version: the {@code nrm_cases}
 * gauges and {@code GET /api/statistics} still count every case. (The gauges once read the first version's
 * collection by name, which the first rebuild drops.) In the context shared with the other API tests, so the
 * gauges are compared with the cases opened in the event store, and the statistics are asked about this test's
 * cases only, screened in a sector no other test uses.
 */
class StatisticsRebuildTest extends ApiTest {

    private static final String PROJECTIONS = "/api/admin/projections";
    private static final String PROJECTION = "case-statistics";
    private static final String MONITOR_ORGANISATION = "0f6a3c1e-7777-4a2b-9c3d-000000000007";
    /** Ten: the statistics' default suppression threshold, so that the cell is shown. */
    private static final int CASES = 10;

    @Autowired
    EventStorageEngine events;
    @Autowired
    PersonalData personalData;
    @Autowired
    MeterRegistry meters;

    @Test
    void afterARebuildTheCaseGaugesAndTheStatisticsCountEveryCase() throws Exception {
        for (int i = 0; i < CASES; i++) {
            openInFisheries();
        }
        ApiClient operator = as(Role.OPERATOR, POLICE);
        awaitProcessing().until(() -> statistics(operator).get("lag").asLong(-1) == 0);
        int before = statistics(operator).get("currentVersion").asInt();

        assertThat(operator.post(PROJECTIONS + "/" + PROJECTION + "/rebuild", Map.of()).status()).isEqualTo(202);
        Progress.awaitWhileMoving("the rebuild of " + PROJECTION, () -> statistics(operator).toString())
                .until(() -> statistics(operator), status -> status.get("currentVersion").asInt() == before + 1
                        && status.get("state").asString().equals("LIVE"));
        awaitProcessing().until(() -> statistics(operator).get("lag").asLong(-1) == 0);

        long opened;
        try (var stored = events.readEvents(null, false)) {
            opened = stored.filter(event -> event.getPayloadType() == CaseOpened.class).count();
        }
        assertThat(gaugesOverHttp()).as("nrm_cases over /actuator/prometheus").isEqualTo(opened);
        assertThat(meters.find("nrm.cases").gauges().stream().mapToDouble(Gauge::value).sum())
                .as("nrm.cases in the registry").isEqualTo(opened);
        JsonNode fisheries = as(Role.MONITOR, MONITOR_ORGANISATION)
                .get("/api/statistics?groupBy=detectingSector&detectingSector=FISHERIES").body();
        assertThat(fisheries.at("/cells/0/count").asLong()).isEqualTo(CASES);
    }

    /** The sum of the {@code nrm_cases} series, as Prometheus scrapes them. */
    private double gaugesOverHttp() throws Exception {
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        List<String> series = metrics.lines().filter(line -> line.startsWith("nrm_cases{")).toList();
        assertThat(series).isNotEmpty();
        return series.stream().mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static JsonNode statistics(ApiClient operator) {
        return operator.get(PROJECTIONS).body().valueStream()
                .filter(projection -> projection.get("name").asString().equals(PROJECTION)).findFirst().orElseThrow();
    }

    /** A case opened as case-service records it, appended straight to the event store. */
    private void openInFisheries() {
        UUID caseId = UUID.randomUUID();
        events.appendEvents(new GenericDomainEventMessage<>("Case", caseId.toString(), 0, new CaseOpened(caseId,
                "FISHERIES", Instant.parse("2025-05-01T10:00:00Z"), new ScreeningLocation("RS", "Novi Sad", null),
                new SealedDataSubject(personalData.seal(caseId, PersonalField.GIVEN_NAME, "Ana"),
                        personalData.seal(caseId, PersonalField.FAMILY_NAME, "Petrović"),
                        personalData.seal(caseId, PersonalField.DATE_OF_BIRTH, LocalDate.of(1999, 1, 1)),
                        AgeCategory.ADULT, "Feminine", List.of("RS")), POLICE)));
    }
}
