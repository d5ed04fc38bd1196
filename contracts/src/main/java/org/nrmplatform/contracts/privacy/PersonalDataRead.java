package org.nrmplatform.contracts.privacy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * One read of a case's personal data, as recorded before {@link CasesRead}: an event in the case's own read-log
 * stream (aggregate type {@value #AGGREGATE_TYPE}, id {@code <caseId>/reads}, see {@link #streamOf}), one per
 * case shown. No longer appended (every reader of a case contended on that stream); the events stored stay
 * part of the case's read log.
 */
@Revision("1")
public record PersonalDataRead(UUID caseId, String view, String userId, String clientId, String organisationId,
                               List<String> roles, Instant readAt) {

    public static final String AGGREGATE_TYPE = "CaseReads";

    /** The aggregate id of a case's read log. */
    public static String streamOf(UUID caseId) {
        return caseId + "/reads";
    }
}
