package org.nrmplatform.caseservice.courtexport;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.nrmplatform.caseservice.courtexport.AuditCommands.RecordLegalBasis;
import org.nrmplatform.contracts.audit.AuditEvents;
import org.nrmplatform.contracts.audit.AuditEvents.LegalBasisRecorded;

/**
 * The legal bases recorded for one case's court exports: a stream beside the case's own, created by the
 * first one. Whether the case exists is checked before the command is sent.
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

    @EventSourcingHandler
    void on(LegalBasisRecorded event) {
        legalBasesId = AuditEvents.legalBasesOf(event.caseId());
    }
}
