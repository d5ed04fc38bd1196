package org.nrmplatform.referralservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.contracts.providers.ProviderEvents;
import org.nrmplatform.contracts.providers.ProviderEvents.LicenceExpiryAlerted;
import org.nrmplatform.shared.testing.ApiClient;
import org.nrmplatform.shared.testing.ApiClient.Answer;
import org.nrmplatform.shared.testing.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Providers' standards and capacity over HTTP: the administrator records the shelter's capacity and a licence that
 * expires within the alert lead time, which the durable deadline scheduler alerts once (event, listing, metric);
 * the monitor's visit and corrective action move the compliance status that the directory shows, and the shelter
 * records its own action done (another provider does not find it); the resource report counts capacity, load,
 * referrals made and those declined for lack of capacity, and funding. Bad input is a problem naming the field.
 */
class ProviderStandardsApiTest extends ApiTest {

    private static final String COORDINATOR = "0f6a3c1e-9999-4a2b-9c3d-000000000009";

    @Autowired
    EventStorageEngine events;
    @Autowired
    MeterRegistry meters;
    @Autowired
    MongoTemplate mongo;

    private ApiClient administrator;
    private ApiClient monitor;

    @BeforeEach
    void coordinators() {
        administrator = as(Role.ADMINISTRATOR, COORDINATOR);
        monitor = as(Role.MONITOR, COORDINATOR);
    }

    @Test
    void aLicenceExpiringWithinTheLeadTimeIsAlertedOnceListedAndCounted() {
        LocalDate expiresOn = LocalDate.now(ZoneOffset.UTC).plusDays(10);
        Answer recorded = administrator.post("/api/providers/" + CLINIC + "/licences", Map.of("kind", "LICENCE",
                "reference", "HEALTH-77/2025", "issuedBy", "Ministry of Health", "expiresOn", expiresOn.toString()));
        assertThat(recorded.status()).as(recorded.raw().body()).isEqualTo(201);
        String licenceId = recorded.body().get("recordedId").asString();

        eventually(() -> monitor.get("/api/providers/licences/expiring").body().get("items").valueStream()
                .anyMatch(item -> item.get("licence").get("licenceId").asString().equals(licenceId)
                        && !item.get("licence").get("alertedAt").isNull()));
        assertThat(events.readEvents(ProviderEvents.streamOf(UUID.fromString(CLINIC))).asStream()
                .filter(event -> event.getPayload() instanceof LicenceExpiryAlerted).count()).isEqualTo(1);
        awaitProcessing().until(() -> meters.find("nrm.provider.licences.expiring").gauge().value() >= 1);
    }

    @Test
    void aRenewalCancelsTheAlertOfTheExpiryItReplacesAndAlertsForTheNewOne() {
        LocalDate far = LocalDate.now(ZoneOffset.UTC).plusYears(2);
        LocalDate near = LocalDate.now(ZoneOffset.UTC).plusDays(20);
        String licenceId = UUID.randomUUID().toString();
        Map<String, Object> licence = new java.util.HashMap<>(Map.of("licenceId", licenceId, "kind", "ACCREDITATION",
                "reference", "ACC-9/2026", "issuedBy", "Accreditation Body", "expiresOn", far.toString()));
        assertThat(administrator.post("/api/providers/" + SHELTER + "/licences", licence).status()).isEqualTo(201);
        String first = "licence_expiry:" + licenceId + ":" + far;
        eventually(() -> mongo.exists(query(where("_id").is(first).and("state").is("PENDING")), "referral_deadlines"));

        licence.put("expiresOn", near.toString());
        assertThat(administrator.post("/api/providers/" + SHELTER + "/licences", licence).status()).isEqualTo(201);
        eventually(() -> mongo.exists(query(where("_id").is(first).and("state").is("CANCELLED")), "referral_deadlines"));
        eventually(() -> events.readEvents(ProviderEvents.streamOf(UUID.fromString(SHELTER))).asStream()
                .anyMatch(event -> event.getPayload() instanceof LicenceExpiryAlerted alerted
                        && alerted.licenceId().toString().equals(licenceId) && alerted.expiresOn().equals(near)));
        assertThat(events.readEvents(ProviderEvents.streamOf(UUID.fromString(SHELTER))).asStream()
                .filter(event -> event.getPayload() instanceof LicenceExpiryAlerted alerted
                        && alerted.licenceId().toString().equals(licenceId)).count())
                .as("no alert for the expiry replaced").isEqualTo(1);
    }

    @Test
    void visitsAndCorrectiveActionsMoveTheComplianceTheDirectoryShows() {
        Answer capacity = administrator.post("/api/providers/" + SHELTER + "/services", Map.of(
                "serviceType", "SAFE_ACCOMMODATION", "region", "Vojvodina", "places", 12, "staff", 7));
        assertThat(capacity.status()).as(capacity.raw().body()).isEqualTo(200);

        Answer visit = monitor.post("/api/providers/" + SHELTER + "/monitoring-visits", Map.of(
                "visitedOn", LocalDate.now(ZoneOffset.UTC).toString(), "findings", List.of(
                        Map.of("item", "SAFE_PREMISES", "rating", "MET"),
                        Map.of("item", "INTERPRETATION", "rating", "NOT_MET", "note", "No interpreter budget"))));
        assertThat(visit.status()).as(visit.raw().body()).isEqualTo(201);
        String visitId = visit.body().get("recordedId").asString();
        eventually(() -> "NOT_COMPLIANT".equals(directoryEntry(SHELTER).get("compliance").asString()));

        Answer action = monitor.post("/api/providers/" + SHELTER + "/corrective-actions", Map.of("visitId", visitId,
                "item", "INTERPRETATION", "description", "Contract an interpreters' service",
                "dueOn", LocalDate.now(ZoneOffset.UTC).plusDays(30).toString()));
        assertThat(action.status()).as(action.raw().body()).isEqualTo(201);
        String actionId = action.body().get("recordedId").asString();
        eventually(() -> "PARTLY_COMPLIANT".equals(directoryEntry(SHELTER).get("compliance").asString()));

        String completion = "/api/providers/" + SHELTER + "/corrective-actions/" + actionId + "/completion";
        assertThat(as(Role.SERVICE_PROVIDER, CLINIC).post(completion, Map.of("note", "x")).status())
                .as("another provider").isEqualTo(404);
        Answer done = shelter.post(completion, Map.of("note", "Contract signed"));
        assertThat(done.status()).as(done.raw().body()).isEqualTo(200);
        eventually(() -> "COMPLIANT".equals(directoryEntry(SHELTER).get("compliance").asString()));
        assertThat(shelter.post(completion, Map.of()).status()).as("done twice").isEqualTo(409);

        JsonNode standing = shelter.get("/api/providers/" + SHELTER + "/standing").body();
        assertThat(standing.get("compliance").asString()).isEqualTo("COMPLIANT");
        assertThat(standing.get("recorded").get("correctiveActions").get(0).get("doneNote").asString())
                .isEqualTo("Contract signed");
        assertThat(as(Role.SERVICE_PROVIDER, CLINIC).get("/api/providers/" + SHELTER + "/standing").status())
                .as("another provider's standing").isEqualTo(404);
        assertThat(caseManager.get("/api/providers/" + SHELTER + "/standing").status()).isEqualTo(403);
    }

    @Test
    void theResourceReportCountsCapacityLoadReferralsDeclinesAndFunding() throws Exception {
        administrator.post("/api/providers/" + SHELTER + "/services", Map.of(
                "serviceType", "SAFE_ACCOMMODATION", "region", "Vojvodina", "places", 12, "staff", 7));
        Answer funding = administrator.post("/api/providers/" + SHELTER + "/funding", Map.of("amount", "1500000.00",
                "currency", "RSD", "periodFrom", "2026-01-01", "periodTo", "2026-12-31",
                "funder", "Ministry of Labour, Employment, Veteran and Social Affairs"));
        assertThat(funding.status()).as(funding.raw().body()).isEqualTo(201);
        long declinedBefore = row("Vojvodina", "SAFE_ACCOMMODATION").map(r -> r.get("declinedForCapacity").asLong())
                .orElse(0L);
        UUID referral = requestedReferral(referableCase(), Instant.now().plusSeconds(3600));
        assertThat(shelter.post("/api/referrals/" + referral + "/decline", Map.of("reason", "NO_CAPACITY")).status())
                .isEqualTo(200);

        eventually(() -> row("Vojvodina", "SAFE_ACCOMMODATION")
                .filter(r -> r.get("declinedForCapacity").asLong() == declinedBefore + 1).isPresent());
        JsonNode row = row("Vojvodina", "SAFE_ACCOMMODATION").orElseThrow();
        assertThat(row.get("places").asInt()).isEqualTo(12);
        assertThat(row.get("staff").asInt()).isEqualTo(7);
        assertThat(row.get("referralsMade").asLong()).isGreaterThanOrEqualTo(row.get("declinedForCapacity").asLong());
        JsonNode report = monitor.get("/api/providers/resource-report").body();
        assertThat(report.get("funding").valueStream().anyMatch(f -> f.get("providerOrganisationId").asString()
                .equals(SHELTER) && f.get("currency").asString().equals("RSD"))).isTrue();

        HttpResponse<String> csv = csv("/api/providers/resource-report?format=csv");
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(csv.body()).startsWith("region,serviceType,providers,places,staff,activeReferrals,"
                + "referralsMade,declinedForCapacity\r\n").contains("Vojvodina,SAFE_ACCOMMODATION,1,12,7,");
        assertThat(csv("/api/providers/resource-report?format=csv&table=funding").body())
                .contains("\"Ministry of Labour, Employment, Veteran and Social Affairs\"");
        Answer wrongFormat = monitor.get("/api/providers/resource-report?format=xml");
        assertThat(wrongFormat.status()).isEqualTo(400);
        assertThat(wrongFormat.body().get("errors").get(0).get("field").asString()).isEqualTo("format");
    }

    @Test
    void badInputIsAProblemNamingTheField() {
        Answer notOffered = administrator.post("/api/providers/" + CLINIC + "/services", Map.of(
                "serviceType", "LEGAL_AID", "region", "Belgrade", "places", 3, "staff", 1));
        assertThat(notOffered.status()).isEqualTo(422);
        assertThat(notOffered.contentType()).startsWith("application/problem+json");
        assertThat(notOffered.raw().body()).contains("serviceType");
        Answer unknown = administrator.post("/api/providers/" + UUID.randomUUID() + "/services", Map.of(
                "serviceType", "MEDICAL_CARE", "region", "Belgrade", "places", 3, "staff", 1));
        assertThat(unknown.status()).isEqualTo(404);
        Answer noRating = monitor.post("/api/providers/" + CLINIC + "/monitoring-visits", Map.of(
                "visitedOn", "2026-11-02", "findings", List.of(Map.of("item", "SAFE_PREMISES"))));
        assertThat(noRating.status()).isEqualTo(400);
        assertThat(noRating.raw().body()).contains("rating");
        Answer negative = administrator.post("/api/providers/" + CLINIC + "/funding", Map.of("amount", "-5",
                "currency", "EUR", "periodFrom", "2026-01-01", "periodTo", "2026-12-31", "funder", "EU"));
        assertThat(negative.status()).isEqualTo(422);
        assertThat(negative.raw().body()).contains("amount");
    }

    private HttpResponse<String> csv(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + TestTokens.get().forRole(Role.MONITOR, COORDINATOR))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode directoryEntry(String organisationId) {
        return caseManager.get("/api/providers").body().valueStream()
                .filter(entry -> entry.get("id").asString().equals(organisationId)).findFirst().orElseThrow();
    }

    private java.util.Optional<JsonNode> row(String region, String serviceType) {
        return monitor.get("/api/providers/resource-report").body().get("rows").valueStream()
                .filter(r -> r.get("region").asString().equals(region)
                        && r.get("serviceType").asString().equals(serviceType)).findFirst();
    }
}
