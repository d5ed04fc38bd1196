package org.nrmplatform.caseservice.courtexport;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.nrmplatform.contracts.audit.AuditEvents;
import org.nrmplatform.contracts.cases.LegalBasis;

public final class AuditCommands {

    private AuditCommands() {
    }

    /**
     * A prosecutor records why it may have a case's court export. {@code legalBasesId} names the case's
     * stream of legal bases ({@link AuditEvents#legalBasesOf}).
     */
    public record RecordLegalBasis(@TargetAggregateIdentifier String legalBasesId, UUID caseId, UUID legalBasisId,
                                   LegalBasis legalBasis) {
    }

    /** The prosecutor's office that recorded a legal basis says its proceedings ended. */
    public record CloseLegalBasis(@TargetAggregateIdentifier String legalBasesId, UUID caseId, UUID legalBasisId) {
    }
}
