package org.nrmplatform.referralservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralEscalated;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Response deadlines end to end: an unanswered referral is escalated once its respond-by instant passes and
 * appears in the referring organisation's overdue list; an answer takes it off. Prints the measured delay
 * between the respond-by instant and the escalation event.
 */
class DeadlineApiTest extends ApiTest {

    @Autowired
    EventStorageEngine events;

    @Test
    void anUnansweredReferralIsEscalatedAtItsRespondByInstantAndListedAsOverdue() {
        UUID caseId = referableCase();
        Instant respondBy = Instant.now().plusSeconds(2);
        UUID referralId = requestedReferral(caseId, respondBy);
        UUID answered = requestedReferral(caseId, respondBy);
        shelter.post("/api/referrals/" + answered + "/acceptance", Map.of());

        eventually(() -> overdue().contains(referralId.toString()));
        List<DomainEventMessage<?>> escalations = escalations(referralId);
        assertThat(escalations).hasSize(1);
        Duration delay = Duration.between(respondBy, escalations.get(0).getTimestamp());
        System.out.println("respond-by -> escalation event: " + delay.toMillis() + " ms (poll interval 200 ms)");
        assertThat(delay).isGreaterThanOrEqualTo(Duration.ZERO).isLessThan(Duration.ofSeconds(2));
        assertThat(overdue()).doesNotContain(answered.toString());
        assertThat(escalations(answered)).isEmpty();
        assertThat(as(Role.CASE_MANAGER, OTHER_WELFARE)
                .get("/api/referrals/overdue").body().size()).as("another organisation's overdue list").isZero();

        shelter.post("/api/referrals/" + referralId + "/decline", Map.of("reason", "NO_CAPACITY"));
        eventually(() -> !overdue().contains(referralId.toString()));
    }

    private List<String> overdue() {
        return caseManager.get("/api/referrals/overdue").body().valueStream()
                .map(item -> item.get("id").asString()).toList();
    }

    private List<DomainEventMessage<?>> escalations(UUID referralId) {
        return events.readEvents(referralId.toString(), 0).asStream()
                .filter(event -> event.getPayload() instanceof ReferralEscalated)
                .<DomainEventMessage<?>>map(event -> event).toList();
    }
}
