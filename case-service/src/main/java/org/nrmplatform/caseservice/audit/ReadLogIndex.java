package org.nrmplatform.caseservice.audit;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.nrmplatform.caseservice.projections.ProjectionVersions;
import org.nrmplatform.caseservice.projections.RebuildableProjection;
import org.nrmplatform.contracts.privacy.CasesRead;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

/**
 * The read log by case: one document per {@link CasesRead} event (of every service, from the shared stream)
 * with the cases it showed, so that a case's reads are found by case. Owns {@value #COLLECTION} (version 1; see
 * {@link ProjectionVersions}); rebuildable while serving like the views. {@link CaseReadLog} adds the events
 * this processor has not handled yet, so that the read log is complete the moment a read is answered.
 */
@Component
@ProcessingGroup(ReadLogIndex.NAME)
class ReadLogIndex extends RebuildableProjection {

    static final String NAME = "case-read-log";
    static final String COLLECTION = "case_read_log";

    /** One recorded answer: the event's id, the cases it showed, who read through which view, when. */
    record IndexedRead(@Id String eventId, List<String> caseIds, String view, String userId, String clientId,
                       String organisationId, List<String> roles, Instant readAt, long position) {

        static IndexedRead of(String eventId, CasesRead read, long position) {
            return new IndexedRead(eventId, read.caseIds().stream().map(UUID::toString).toList(), read.view(),
                    read.userId(), read.clientId(), read.organisationId(), read.roles(), read.readAt(), position);
        }
    }

    private final MongoTemplate mongo;
    /** Collections known to have their index on the case ids (MongoDB uses it; the embedded store scans). */
    private final Set<String> indexed = ConcurrentHashMap.newKeySet();

    ReadLogIndex(MongoTemplate mongo, ProjectionVersions versions) {
        super(mongo, versions, COLLECTION);
        this.mongo = mongo;
    }

    @EventHandler
    void on(CasesRead read, @MessageIdentifier String eventId, TrackingToken token) {
        String target = target();
        if (indexed.add(target)) {
            mongo.indexOps(target).createIndex(new Index().on("caseIds", Sort.Direction.ASC));
        }
        // saved by event id: a repeated delivery writes the same document again
        mongo.save(IndexedRead.of(eventId, read, token.position().orElse(0)), target);
    }

    @Override
    protected void dropped(String target) {
        indexed.remove(target);
    }

    /** The indexed reads of a case, in the order they were stored. */
    List<IndexedRead> readsOf(UUID caseId) {
        return mongo.find(query(where("caseIds").is(caseId.toString())).with(Sort.by("position")),
                IndexedRead.class, collection().current());
    }
}
