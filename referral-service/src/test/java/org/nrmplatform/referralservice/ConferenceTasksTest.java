package org.nrmplatform.referralservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.nrmplatform.contracts.conferences.ConferenceEvents.ActionItem;
import org.nrmplatform.contracts.conferences.ConferenceEvents.ConferenceRecorded;
import org.nrmplatform.contracts.conferences.ConferenceEvents.Participant;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.contracts.privacy.PersonalField;
import org.nrmplatform.contracts.tasks.TaskEvents.TaskAssigned;
import org.nrmplatform.shared.testing.ApiClient;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A case conference's action items become tasks: each owed as agreed, assigned by the organisation that recorded
 * the conference and referring back to it, found by the owing organisation among its tasks; one made after its due
 * date is escalated at once. Exactly one task per item, however often the conference's event is delivered, and
 * after the processor's token is reset.
 */
class ConferenceTasksTest extends ApiTest {

    private static final String MOVE = "Arrange the move to the shelter in Subotica";
    private static final String CHECK = "A medical check-up before the move";

    @Autowired
    EventStorageEngine events;

    @Test
    void eachActionItemBecomesOneTaskOfItsConference() {
        UUID caseId = openedCase();
        UUID conferenceId = UUID.randomUUID();
        UUID moveTask = UUID.randomUUID();
        UUID checkTask = UUID.randomUUID();
        ConferenceRecorded conference = new ConferenceRecorded(conferenceId, caseId,
                Instant.now().minus(2, ChronoUnit.DAYS), SOCIAL_WELFARE,
                List.of(new Participant(SOCIAL_WELFARE, "CHAIR"), new Participant(SHELTER, "SHELTER")),
                personalData.seal(caseId, PersonalField.CONFERENCE_NOTE, "discussed"), null,
                List.of(new ActionItem(moveTask, personalData.seal(caseId, PersonalField.CONFERENCE_ACTION_ITEM, MOVE),
                                SHELTER, null, Instant.now().plus(3, ChronoUnit.DAYS)),
                        // due already when referral-service makes it (it was stopped): made, and escalated at once
                        new ActionItem(checkTask, personalData.seal(caseId, PersonalField.CONFERENCE_ACTION_ITEM,
                                CHECK), CLINIC, null, Instant.now().minus(1, ChronoUnit.HOURS))));
        append("Conference", conferenceId.toString(), conference);

        ApiClient shelter = as(Role.SERVICE_PROVIDER, SHELTER);
        eventually(() -> shelter.get("/api/tasks").body().get("items").valueStream()
                .anyMatch(item -> item.get("id").asString().equals(moveTask.toString())));
        JsonNode owed = shelter.get("/api/tasks/" + moveTask).body();
        assertThat(owed.get("description").asString()).isEqualTo(MOVE);
        assertThat(owed.get("conferenceId").asString()).isEqualTo(conferenceId.toString());
        assertThat(owed.get("assignedByOrganisationId").asString()).isEqualTo(SOCIAL_WELFARE);
        assertThat(owed.get("caseId").asString()).isEqualTo(caseId.toString());
        eventually(() -> !caseManager.get("/api/tasks/" + checkTask).body().get("escalatedAt").isNull());

        // delivered again (as after a crash before the processor stored its token), then replayed from the start
        append("Conference", conferenceId.toString(), conference);
        TrackingEventProcessor processor = processing.eventProcessor("conference-action-items",
                TrackingEventProcessor.class).orElseThrow();
        long head = eventStore.createHeadToken().position().orElseThrow();
        eventually(() -> position(processor) >= head);
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        // replayed from the start of the stream up to where it was: every conference event handled again
        eventually(() -> position(processor) >= head);
        assertThat(assignments(moveTask)).isEqualTo(1);
        assertThat(assignments(checkTask)).isEqualTo(1);
        assertThat(caseManager.get("/api/tasks?assigned=true&caseId=" + caseId).body().get("total").asLong())
                .isEqualTo(2);
    }

    /** How far the processor has read the stream (-1 before it has read anything). */
    private static long position(TrackingEventProcessor processor) {
        return processor.processingStatus().values().stream()
                .mapToLong(status -> status.getCurrentPosition().orElse(-1)).max().orElse(-1);
    }

    private long assignments(UUID taskId) {
        return events.readEvents(taskId.toString(), 0).asStream()
                .filter(event -> event.getPayload() instanceof TaskAssigned).count();
    }
}
