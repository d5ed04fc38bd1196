package org.nrmplatform.contracts.privacy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One read of a case's personal data, in the case's read log (aggregate type {@value #AGGREGATE_TYPE}, id
 * {@code <caseId>/reads}, see {@link #streamOf}): which case, through which view or endpoint, who (the
 * user, the client, the organisation and the roles of the token) and when. Recorded before the data is
 * answered; stored in the event store like every event, so the hash chain covers it.
 */
public record PersonalDataRead(UUID caseId, String view, String userId, String clientId, String organisationId,
                               List<String> roles, Instant readAt) {

    public static final String AGGREGATE_TYPE = "CaseReads";

    /** The aggregate id of a case's read log. */
    public static String streamOf(UUID caseId) {
        return caseId + "/reads";
    }
}
