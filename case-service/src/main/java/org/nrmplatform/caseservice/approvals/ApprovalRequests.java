package org.nrmplatform.caseservice.approvals;

import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.nrmplatform.caseservice.approvals.ApprovalCommands.RequestApproval;
import org.nrmplatform.caseservice.cases.CaseCommands;
import org.nrmplatform.contracts.approvals.ApprovedAction;
import org.nrmplatform.shared.approvals.ApprovalProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Where the endpoints of the steps an installation may hold ask whether to hold one, and hold it: the step is
 * checked against the case's rules now (scope, state, code lists, If-Match), so that a step that could not be
 * taken is refused at once and not after an approver's work; then it waits on an approval of its own.
 */
@Component
@EnableConfigurationProperties(ApprovalProperties.class)
public class ApprovalRequests {

    /** The answer to a held step (202): the approval to follow, at {@code location}. */
    public record Held(UUID approvalId, UUID caseId, ApprovedAction action, ApprovalStatus status, URI location) {
    }

    private final ApprovalProperties properties;
    private final CommandGateway commands;
    private final HeldSteps steps;

    ApprovalRequests(ApprovalProperties properties, CommandGateway commands, HeldSteps steps) {
        this.properties = properties;
        this.commands = commands;
        this.steps = steps;
    }

    public boolean required(ApprovedAction action) {
        return properties.requires(action);
    }

    /** Checks {@code command} against the case without recording it, then holds it for approval. */
    public Held hold(ApprovedAction action, UUID caseId, Object command) {
        return hold(action, caseId, command, UUID.randomUUID(), Map.of());
    }

    /**
     * As {@link #hold(ApprovedAction, UUID, Object)}, for a step the platform asks for on its own: {@code actor}
     * is the metadata of the system actor it asks as, and {@code approvalId} one it chose, so that asking again
     * finds the approval there and holds nothing twice.
     */
    public Held hold(ApprovedAction action, UUID caseId, Object command, UUID approvalId, Map<String, ?> actor) {
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(actor)
                .andMetaData(Map.of(CaseCommands.CHECK_ONLY, true)));
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(new RequestApproval(approvalId, caseId, action,
                steps.held(command))).andMetaData(actor));
        return new Held(approvalId, caseId, action, ApprovalStatus.PENDING, URI.create("/api/approvals/" + approvalId));
    }
}
