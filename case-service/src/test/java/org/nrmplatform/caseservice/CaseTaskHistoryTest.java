package org.nrmplatform.caseservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.nrmplatform.contracts.privacy.PersonalField;
import org.nrmplatform.contracts.tasks.TaskEvents.TaskAssigned;
import org.nrmplatform.contracts.tasks.TaskEvents.TaskDone;
import tools.jackson.databind.JsonNode;
import org.nrmplatform.shared.privacy.PersonalData;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A case's tasks (referral-service's records, in the shared stream) are part of its history, their texts opened
 * for the case manager, as its referrals are.
 */
class CaseTaskHistoryTest extends ApiTest {

    @Autowired
    PersonalData personalData;
    @Autowired
    EventStorageEngine events;

    @Test
    void theHistoryOfACaseHoldsItsTasksEvents() {
        UUID caseId = UUID.randomUUID();
        assertThat(firstLine.post("/api/cases", CaseRequests.openAdult(caseId)).status()).isEqualTo(201);
        String path = "/api/cases/" + caseId;
        firstLine.post(path + "/indicator-assessments", CaseRequests.labourAssessment());
        assertThat(firstLine.post(path + "/presumed-victim", CaseRequests.presumedVictim()).status()).isEqualTo(200);
        UUID taskId = UUID.randomUUID();
        events.appendEvents(new GenericDomainEventMessage<>("Task", taskId.toString(), 0,
                        new TaskAssigned(taskId, caseId, SOCIAL_WELFARE, REGISTERED_SHELTER, null,
                                personalData.seal(caseId, PersonalField.TASK_DESCRIPTION, "Find a bed for tonight"),
                                Instant.now().plus(1, ChronoUnit.DAYS), null, null, null)),
                new GenericDomainEventMessage<>("Task", taskId.toString(), 1, new TaskDone(taskId, caseId,
                        REGISTERED_SHELTER, personalData.seal(caseId, PersonalField.TASK_DONE_REASON, "Admitted"))));

        awaitProcessing().until(() -> types(caseManager.get(path + "/history").body()).contains("TaskDone"));
        JsonNode history = caseManager.get(path + "/history").body().get("events");
        JsonNode assigned = history.valueStream().filter(e -> e.get("type").asString().equals("TaskAssigned"))
                .findFirst().orElseThrow();
        assertThat(assigned.get("aggregateType").asString()).isEqualTo("Task");
        assertThat(assigned.at("/payload/description").asString()).isEqualTo("Find a bed for tonight");
        assertThat(types(caseManager.get(path + "/history").body())).containsSubsequence("CaseOpened",
                "TaskAssigned", "TaskDone");
    }

    private static List<String> types(JsonNode history) {
        return history.get("events").valueStream().map(e -> e.get("type").asString()).toList();
    }
}
