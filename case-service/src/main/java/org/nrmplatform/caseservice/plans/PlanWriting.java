package org.nrmplatform.caseservice.plans;

import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.nrmplatform.caseservice.cases.CaseCommands.RequireWorkable;
import org.nrmplatform.caseservice.organisations.KnownOrganisations;
import org.nrmplatform.shared.domain.RuleViolation;
import org.springframework.stereotype.Component;

/**
 * Asks the case, before anything is written on its plan, whether the caller works it and it is open (the case
 * decides: else 404 or 409), and refuses a service whose provider is not an organisation of the NRM. What is known
 * of organisations comes from identity-service's events and may lag a registration made a moment ago; the refusal
 * says so.
 */
@Component
class PlanWriting {

    private final CommandGateway commands;
    private final KnownOrganisations organisations;

    PlanWriting(CommandGateway commands, KnownOrganisations organisations) {
        this.commands = commands;
        this.organisations = organisations;
    }

    /** Sends the command on the plan of {@code caseId} once the case allows it; answers the command's result. */
    <R> R write(UUID caseId, Object command) {
        commands.sendAndWait(new RequireWorkable(caseId));
        if (command instanceof PlanCommands.AgreeService service
                && !organisations.contains(service.providerOrganisationId())) {
            throw RuleViolation.ruleNotMet("providerOrganisationId", service.providerOrganisationId()
                    + " is not an organisation known to this NRM; if it was registered moments ago, retry");
        }
        return commands.sendAndWait(command);
    }
}
