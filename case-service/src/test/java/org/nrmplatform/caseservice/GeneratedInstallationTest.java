package org.nrmplatform.caseservice;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.nrmplatform.caseservice.indicators.IndicatorCatalogue;
import org.nrmplatform.caseservice.installation.InstallationGenerator;
import org.nrmplatform.caseservice.installation.InstallationGenerator.Parties;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.shared.privacy.PersonalData;
import org.nrmplatform.shared.security.Actor;
import org.nrmplatform.shared.store.CheckpointWriter;
import org.nrmplatform.shared.testing.ApiClient;
import org.nrmplatform.shared.testing.ApiClient.Answer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The large-installation benchmark's generator (decision 48) at 20 cases, so that it cannot silently rot: what it
 * appends passes the whole-store verification (every stream intact against a checkpoint written over it), the
 * services read it (the case lists of the roles that work the cases, the case manager's history of the largest
 * case with every one of its events and its referrals', in order). A store of its own, as the store verification's
 * test.
 */
@TestPropertySource(properties = {"nrm.evidence.checkpoints.settle=0s",
        "spring.application.name=case-service-generated-installation"})
class GeneratedInstallationTest extends ApiTest {

    private static final String LABOUR_INSPECTION = "0f6a3c1e-5555-4a2b-9c3d-000000000005";
    private static final String OUTREACH = "0f6a3c1e-6666-4a2b-9c3d-000000000006";
    private static final String LEGAL_AID = "0f6a3c1e-7777-4a2b-9c3d-000000000007";
    private static final String CLINIC = "0f6a3c1e-8888-4a2b-9c3d-000000000008";

    @Autowired
    EventStorageEngine events;
    @Autowired
    PersonalData personalData;
    @Autowired
    CheckpointWriter checkpoints;
    @Autowired
    MongoClient mongo;
    @Value("${nrm.store.event-database}")
    String eventDatabase;

    private static Actor actor(String organisationId, String type, Role role) {
        return new Actor(UUID.nameUUIDFromBytes((organisationId + role).getBytes()).toString(), "nrm-web",
                organisationId, type, "RS", Set.of(role));
    }

    @Test
    void theGeneratedInstallationIsIntactAndTheServicesReadIt() {
        Parties parties = new Parties(actor(POLICE, "police", Role.FIRST_LINE),
                actor(OTHER_POLICE, "border-police", Role.FIRST_LINE),
                actor(LABOUR_INSPECTION, "labour-inspection", Role.FIRST_LINE),
                actor(OUTREACH, "cso", Role.FIRST_LINE), actor(SOCIAL_WELFARE, "social-welfare", Role.CASE_MANAGER),
                actor(AUTHORITY, "identification-authority", Role.IDENTIFICATION_AUTHORITY),
                actor(REGISTERED_SHELTER, "shelter", Role.SERVICE_PROVIDER), actor(LEGAL_AID, "cso",
                Role.SERVICE_PROVIDER), actor(CLINIC, "health", Role.SERVICE_PROVIDER));
        long before = storedEvents();
        Instant end = Instant.now().minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.SECONDS);
        InstallationGenerator.Summary summary = new InstallationGenerator(events, personalData,
                new IndicatorCatalogue(), parties, 7).generate(20, end, Duration.ofDays(5 * 365), appended -> { });

        assertThat(storedEvents() - before).isEqualTo(summary.events());
        assertThat(summary.events()).as("about twenty events a case").isBetween(200L, 800L);
        assertThat(summary.eventsByType()).containsKeys("CaseOpened", "ReferralRequested", "CasesRead",
                "IdentificationDecided", "CaseClosed");
        assertThat(summary.from()).isBefore(end.minus(Duration.ofDays(4 * 365)));

        awaitProcessing().until(() -> checkpoints.write().isPresent());
        ApiClient operator = as(Role.OPERATOR, OTHER_POLICE);
        Answer started = operator.post("/api/audit/store-verifications", "");
        assertThat(started.status()).isEqualTo(202);
        String location = started.header("Location");
        awaitProcessing().until(() -> !"RUNNING".equals(operator.get(location).body().get("state").asString()));
        JsonNode verified = operator.get(location).body();
        assertThat(verified.at("/report/status").asString()).as(verified.toString()).isEqualTo("INTACT");
        assertThat(verified.at("/report/events").asLong()).isEqualTo(storedEvents());

        // each case in its opener's list, once the views have caught up
        awaitProcessing().until(() -> listedByOpeners() == 20);
        assertThat(caseManager.get("/api/cases?size=1").body().get("total").asLong()).isPositive();

        Answer history = caseManager.get("/api/cases/" + summary.largestCase() + "/history");
        assertThat(history.status()).isEqualTo(200);
        assertThat(history.body().get("events").size()).isEqualTo(summary.largestCaseEvents());
        Answer largest = caseManager.get("/api/cases/" + summary.largestCase());
        assertThat(largest.status()).isEqualTo(200);
    }

    private long listedByOpeners() {
        long listed = 0;
        for (ApiClient opener : new ApiClient[] {firstLine, as(Role.FIRST_LINE, OTHER_POLICE),
                as(Role.FIRST_LINE, LABOUR_INSPECTION), as(Role.FIRST_LINE, OUTREACH)}) {
            Answer page = opener.get("/api/cases?size=200");
            assertThat(page.status()).isEqualTo(200);
            listed += page.body().get("total").asLong();
        }
        return listed;
    }

    private long storedEvents() {
        return mongo.getDatabase(eventDatabase).getCollection("events").countDocuments();
    }
}
