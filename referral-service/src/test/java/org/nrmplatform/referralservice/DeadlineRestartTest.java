package org.nrmplatform.referralservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.nrmplatform.contracts.cases.AgeCategory;
import org.nrmplatform.contracts.cases.ConsentGiver;
import org.nrmplatform.contracts.cases.SealedDataSubject;
import org.nrmplatform.contracts.cases.CaseEvents.CaseOpened;
import org.nrmplatform.contracts.cases.CaseEvents.ConsentGiven;
import org.nrmplatform.contracts.cases.CaseEvents.PresumedVictimFlagged;
import org.nrmplatform.contracts.cases.ScreeningLocation;
import org.nrmplatform.contracts.identity.IdentityEvents.OrganisationRegistered;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralEscalated;
import org.nrmplatform.referralservice.knowncases.CaseStates;
import org.nrmplatform.shared.testing.ApiClient;
import org.nrmplatform.shared.testing.EmbeddedStore;
import org.nrmplatform.shared.testing.TestTokens;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * A deadline outlives the instance that scheduled it: referral-service is stopped with a deadline pending and
 * started again on the same store, and the new instance escalates the referral, once.
 */
class DeadlineRestartTest {

    @Test
    void aPendingDeadlineFiresAfterARestart() throws InterruptedException {
        Map<String, Object> properties = new HashMap<>();
        EmbeddedStore.register((name, value) -> properties.put(name, value.get()));
        TestTokens.register((name, value) -> properties.put(name, value.get()));
        properties.put("server.port", "0");
        properties.put("nrm.referral.deadlines.poll-interval", "200ms");

        UUID caseId = UUID.randomUUID();
        UUID consentId = UUID.randomUUID();
        UUID referralId = UUID.randomUUID();
        String shelter = UUID.randomUUID().toString();
        String welfare = UUID.randomUUID().toString();
        Instant respondBy;
        try (ConfigurableApplicationContext first = start(properties)) {
            EventStore events = first.getBean(EventStore.class);
            events.publish(new GenericDomainEventMessage<>("Organisation", shelter, 0, new OrganisationRegistered(
                    UUID.fromString(shelter), "Shelter", "shelter", "RS", List.of("SAFE_ACCOMMODATION"))));
            events.publish(new GenericDomainEventMessage<>("Case", caseId.toString(), 0, new CaseOpened(caseId,
                    "LABOUR_INSPECTION", Instant.now().minus(1, ChronoUnit.DAYS), new ScreeningLocation("RS", "Novi Sad",
                    null), new SealedDataSubject(null, null, null, AgeCategory.ADULT, "Feminine", List.of()), welfare)));
            events.publish(new GenericDomainEventMessage<>("Case", caseId.toString(), 1,
                    new PresumedVictimFlagged(caseId, null, welfare)));
            events.publish(new GenericDomainEventMessage<>("Case", caseId.toString(), 2, new ConsentGiven(caseId,
                    consentId, ConsentGiver.DATA_SUBJECT, List.of("REFERRAL"), List.of(), shelter, null)));
            CaseStates cases = first.getBean(CaseStates.class);
            ApiTest.eventually(first.getBean(EventProcessingConfiguration.class), () -> cases.find(caseId).filter(c -> !c.consents().isEmpty()).isPresent());

            // far enough ahead that a loaded machine still stops the instance before it falls due
            respondBy = Instant.now().plusSeconds(10);
            ApiClient caseManager = new ApiClient("http://127.0.0.1:" + first.getEnvironment()
                    .getProperty("local.server.port")).as(TestTokens.get().forRole(Role.CASE_MANAGER, welfare));
            ApiClient.Answer requested = caseManager.post("/api/referrals", Map.of("referralId", referralId.toString(),
                    "caseId", caseId.toString(), "providerOrganisationId", shelter, "serviceType", "SAFE_ACCOMMODATION",
                    "urgency", "IMMEDIATE", "respondBy", respondBy.toString()));
            assertThat(requested.status()).as(String.valueOf(requested.body())).isEqualTo(201);
            MongoTemplate mongo = first.getBean(MongoTemplate.class);
            ApiTest.eventually(first.getBean(EventProcessingConfiguration.class), () -> mongo.exists(query(where("_id").is(referralId.toString())),
                    "referral_deadlines"));
        }
        assertThat(Instant.now()).as("stopped before the deadline").isBefore(respondBy);
        // the deadline falls due while no instance runs
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), respondBy).toMillis()) + 1000);

        Instant restarting = Instant.now();
        try (ConfigurableApplicationContext second = start(properties)) {
            Instant restarted = Instant.now();
            EventStorageEngine events = second.getBean(EventStorageEngine.class);
            ApiTest.eventually(second.getBean(EventProcessingConfiguration.class), () -> !escalations(events, referralId).isEmpty());
            List<DomainEventMessage<?>> escalations = escalations(events, referralId);
            assertThat(escalations).hasSize(1);
            assertThat(escalations.get(0).getTimestamp()).as("escalated by the restarted instance")
                    .isAfter(restarting);
            System.out.println("deadline due while referral-service was down: escalated "
                    + Duration.between(restarted, escalations.get(0).getTimestamp()).toMillis()
                    + " ms after the restarted instance was up ("
                    + Duration.between(respondBy, escalations.get(0).getTimestamp()).toMillis()
                    + " ms after respond-by, restart included)");
        }
    }

    private static ConfigurableApplicationContext start(Map<String, Object> properties) {
        // as command-line arguments: they take precedence over application.yml, as the launcher's settings do
        return new SpringApplicationBuilder(ReferralServiceApplication.class).run(properties.entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue()).toArray(String[]::new));
    }

    private static List<DomainEventMessage<?>> escalations(EventStorageEngine events, UUID referralId) {
        return events.readEvents(referralId.toString(), 0).asStream()
                .filter(event -> event.getPayload() instanceof ReferralEscalated)
                .<DomainEventMessage<?>>map(event -> event).toList();
    }
}
