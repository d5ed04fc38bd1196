package org.nrmplatform.caseservice.courtexport;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.nrmplatform.caseservice.courtexport.AuditCommands.CloseLegalBasis;
import org.nrmplatform.caseservice.courtexport.AuditCommands.RecordLegalBasis;
import org.nrmplatform.contracts.audit.AuditEvents;
import org.nrmplatform.contracts.audit.AuditEvents.LegalBasisClosed;
import org.nrmplatform.contracts.audit.AuditEvents.LegalBasisRecorded;
import org.nrmplatform.shared.domain.RuleViolation;
import org.nrmplatform.shared.security.Actor;

/**
 * The legal bases recorded for one case's court exports: a stream beside the case's own, created by the
 * first one. Whether the case exists is checked before the command is sent. The office that recorded a basis
 * says when its proceedings ended: the case's retention after proceedings runs from then.
 */
@Aggregate
class CaseLegalBases {

    @AggregateIdentifier
    private String legalBasesId;

    CaseLegalBases() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RecordLegalBasis command) {
        apply(new LegalBasisRecorded(command.caseId(), command.legalBasisId(), command.legalBasis()));
    }

    /** The office (organisation) that recorded each basis still open. */
    private final Map<UUID, String> open = new HashMap<>();
    private final Set<UUID> closed = new HashSet<>();

    /** A basis of another office, or none, is not found for the caller; one closed before is a conflict. */
    @CommandHandler
    void handle(CloseLegalBasis command, MetaData metaData) {
        String office = Actor.fromMetadata(metaData).map(Actor::organisationId).orElse(null);
        if (closed.contains(command.legalBasisId())) {
            throw RuleViolation.stateDoesNotAllow("the proceedings of legal basis " + command.legalBasisId()
                    + " are already closed");
        }
        if (office == null || !office.equals(open.get(command.legalBasisId()))) {
            throw RuleViolation.ruleNotMet("legalBasisId", "your office recorded no legal basis "
                    + command.legalBasisId() + " for case " + command.caseId());
        }
        apply(new LegalBasisClosed(command.caseId(), command.legalBasisId()));
    }

    @EventSourcingHandler
    void on(LegalBasisRecorded event, MetaData metaData) {
        legalBasesId = AuditEvents.legalBasesOf(event.caseId());
        open.put(event.legalBasisId(), Actor.fromMetadata(metaData).map(Actor::organisationId).orElse(null));
    }

    @EventSourcingHandler
    void on(LegalBasisClosed event) {
        open.remove(event.legalBasisId());
        closed.add(event.legalBasisId());
    }
}
