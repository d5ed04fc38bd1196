package org.nrmplatform.referralservice.tasks;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.referralservice.knowncases.CaseState;
import org.nrmplatform.referralservice.knowncases.CaseStates;
import org.nrmplatform.referralservice.providers.ProviderDirectory;
import org.nrmplatform.referralservice.tasks.TaskCommands.AssignTask;
import org.nrmplatform.shared.domain.RuleViolation;
import org.nrmplatform.shared.security.Actor;
import org.springframework.stereotype.Component;

/**
 * Refuses a task, before it exists, unless the case is open and the caller acts on it (as for a referral: the
 * organisation that opened it, or the case manager responsible for it), the owing organisation is one of the NRM's
 * and the role, if one is named, is a role of the platform. What is known of cases and organisations comes from the
 * event stream and may lag a write made a moment ago in another service; the refusals say so.
 */
@Component
class TaskAssignments {

    /** What the caller asks for; the assigning organisation is the caller's. */
    record Assignment(UUID taskId, UUID caseId, String owedByOrganisationId, String owedByRole, String owedByUserId,
                      String description, Instant dueAt, Instant remindAt) {
    }

    private final CommandGateway commands;
    private final CaseStates cases;
    private final ProviderDirectory organisations;
    private final Colleagues colleagues;

    TaskAssignments(CommandGateway commands, CaseStates cases, ProviderDirectory organisations,
                    Colleagues colleagues) {
        this.commands = commands;
        this.cases = cases;
        this.organisations = organisations;
        this.colleagues = colleagues;
    }

    TaskState assign(Assignment assignment, Actor actor) {
        CaseState state = cases.find(assignment.caseId()).filter(found -> found.mayBeReferredBy(actor))
                .orElseThrow(() -> RuleViolation.ruleNotMet("caseId", "no case " + assignment.caseId()
                        + " that you act on is known to referral-service; if it was opened moments ago, retry"));
        if (state.closed()) {
            throw RuleViolation.stateDoesNotAllow("case " + assignment.caseId() + " is closed");
        }
        if (organisations.find(assignment.owedByOrganisationId()).isEmpty()) {
            throw RuleViolation.ruleNotMet("owedByOrganisationId", assignment.owedByOrganisationId()
                    + " is not an organisation known to this NRM; if it was registered moments ago, retry");
        }
        if (assignment.owedByRole() != null && Role.fromCode(assignment.owedByRole()).isEmpty()) {
            throw RuleViolation.ruleNotMet("owedByRole", "no role " + assignment.owedByRole()
                    + "; roles are named as in tokens, e.g. case-manager");
        }
        if (assignment.owedByUserId() != null) {
            if (!assignment.owedByOrganisationId().equals(actor.organisationId())) {
                throw RuleViolation.ruleNotMet("owedByUserId", "a task names a person only of your own "
                        + "organisation; another organisation's task is owed by the organisation or a role there");
            }
            if (colleagues.find(assignment.owedByUserId(), actor.organisationId()).isEmpty()) {
                throw RuleViolation.ruleNotMet("owedByUserId", assignment.owedByUserId() + " is not an active "
                        + "user of your organisation; if the account was created moments ago, retry");
            }
        }
        commands.sendAndWait(new AssignTask(assignment.taskId(), assignment.caseId(), actor.organisationId(),
                assignment.owedByOrganisationId(), assignment.owedByRole(), assignment.owedByUserId(),
                assignment.description(),
                assignment.dueAt(), assignment.remindAt(), null));
        return new TaskState(assignment.taskId(), TaskStatus.OPEN, 0);
    }
}
