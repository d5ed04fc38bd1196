package org.nrmplatform.contracts.privacy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * One answer that showed the personal data of one or more cases (a single case, or every case on a list page):
 * which cases, through which view or endpoint, who (the user, the client, the organisation and the roles of the
 * token) and when. Recorded before the data is answered, one event per answer, in a read-log stream
 * (aggregate type {@value #AGGREGATE_TYPE}, id {@code read-log/<uuid>}) that only one request appends to at a
 * time, so concurrent readers never contend; a case's read log is found by case (case-service's read-log
 * index). Stored in the event store like every event, so the hash chain covers it. Reads recorded before this
 * event existed are {@link PersonalDataRead} events in the case's own stream.
 */
@Revision("1")
public record CasesRead(List<UUID> caseIds, String view, String userId, String clientId, String organisationId,
                        List<String> roles, Instant readAt) {

    public static final String AGGREGATE_TYPE = "ReadLog";

    /** The prefix of every read-log stream's aggregate id. */
    public static final String STREAM_PREFIX = "read-log/";
}
