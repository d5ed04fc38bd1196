package org.nrmplatform.caseservice.approvals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.nrmplatform.caseservice.cases.CaseCommands.CloseCase;
import org.nrmplatform.caseservice.cases.CaseCommands.DecideIdentification;
import org.nrmplatform.caseservice.cases.CaseCommands.EraseAtRetentionEnd;
import org.nrmplatform.caseservice.cases.CaseCommands.EraseSubject;
import org.nrmplatform.contracts.approvals.ApprovedAction;
import org.nrmplatform.shared.domain.RuleViolation;
import org.nrmplatform.shared.security.Actor;
import org.nrmplatform.shared.store.EventJson;
import org.springframework.stereotype.Component;

/**
 * What each held step is (the case's command for it, kept as JSON in the approval, sealed there) and how an
 * approved one is carried out: sent as its requester's command, so the case decides on it as on any other, with
 * the requester's scope, and its events name the requester as the actor (the approval's events name the approver).
 */
@Component
public class HeldSteps {

    private static final ObjectMapper JSON = EventJson.mapper();

    private final CommandGateway commands;

    HeldSteps(CommandGateway commands) {
        this.commands = commands;
    }

    /**
     * The command to keep for later, as JSON: without the version the requester expected (checked when the step
     * was requested), since the approval decides on the case as it is when approved.
     */
    String held(Object command) {
        Object later;
        if (command instanceof CloseCase close) {
            later = new CloseCase(close.caseId(), close.reason(), close.note(), null);
        } else if (command instanceof DecideIdentification decide) {
            later = new DecideIdentification(decide.caseId(), decide.outcome(), decide.reasons(),
                    decide.typesOfExploitation(), decide.methodsOfControl(), null);
        } else if (command instanceof EraseSubject || command instanceof EraseAtRetentionEnd) {
            later = command;
        } else {
            throw new IllegalArgumentException("no step is held for approval as " + command.getClass());
        }
        try {
            return JSON.writeValueAsString(later);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a case command is plain data", e);
        }
    }

    /** The step carried out as {@code requester}'s; empty when done, else why the case refused it. */
    Optional<String> carryOut(UUID caseId, ApprovedAction action, String held, Actor requester) {
        if (action == ApprovedAction.TRANSNATIONAL_REFERRAL) {
            // referral-service sends it on ApprovalGranted, rules checked again there (TransnationalReferralNotSent
            // says when they refuse it): a command crosses no service
            return Optional.empty();
        }
        Object command = command(action, held);
        try {
            commands.sendAndWait(requester.command(command));
            return Optional.empty();
        } catch (RuleViolation refused) {
            return Optional.of(refused.getMessage());
        } catch (AggregateNotFoundException outOfScope) {
            return Optional.of("the requester's organisation no longer acts on case " + caseId);
        }
    }

    /** A held step's fields, for the approver to read; null when erased. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> fields(String held) {
        if (held == null) {
            return null;
        }
        try {
            return JSON.readValue(held, Map.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a held step is JSON", e);
        }
    }

    private static Object command(ApprovedAction action, String held) {
        Class<?> type = switch (action) {
            case CASE_CLOSURE -> CloseCase.class;
            case IDENTIFICATION_DECISION -> DecideIdentification.class;
            // an erasure asked for on a legal basis, or by the retention run (which names the retention that ended)
            case SUBJECT_ERASURE -> held.contains("\"due\"") ? EraseAtRetentionEnd.class : EraseSubject.class;
            case TRANSNATIONAL_REFERRAL -> throw new IllegalArgumentException(
                    "a transnational referral is sent by referral-service, not by case-service");
        };
        try {
            return JSON.readValue(held, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a held " + action + " no longer reads as " + type.getSimpleName(), e);
        }
    }
}
