package org.nrmplatform.contracts.audit;

import java.util.UUID;
import org.axonframework.serialization.Revision;
import org.nrmplatform.contracts.cases.LegalBasis;

public final class AuditEvents {

    private AuditEvents() {
    }

    /**
     * The legal basis on which a prosecutor's office may have a case's court export, recorded with who recorded
     * it (the event's metadata: the office is the organisation of the actor). Kept in a stream of its own per
     * case ({@link #legalBasesOf}), so that recording it does not change the case's version.
     */
    @Revision("1")
    public record LegalBasisRecorded(UUID caseId, UUID legalBasisId, LegalBasis legalBasis) {
    }

    /**
     * The proceedings of a recorded legal basis ended (recorded by the prosecutor's office that recorded it): the
     * case is then kept for the retention period after proceedings, and no longer for the proceedings.
     */
    @Revision("1")
    public record LegalBasisClosed(UUID caseId, UUID legalBasisId) {
    }

    /** The aggregate identifier of a case's legal bases. */
    public static String legalBasesOf(UUID caseId) {
        return "legal-bases-" + caseId;
    }
}
