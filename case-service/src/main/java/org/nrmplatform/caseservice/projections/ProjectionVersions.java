package org.nrmplatform.caseservice.projections;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The versions of the rebuildable projections. Version 1 keeps the projection's original collection name,
 * so that an installation built before versioning keeps its data and tokens; version N > 1 lives in
 * {@code <base>_v<N>}. The current version is cached: it is read for every event handled and every query,
 * and only this service's rebuild changes it (one case-service instance; see docs in the report).
 */
@Component
public class ProjectionVersions {

    static final String COLLECTION = "projection_versions";

    private final MongoTemplate mongo;
    private final Map<String, Integer> current = new ConcurrentHashMap<>();

    ProjectionVersions(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public static String collection(String baseCollection, int version) {
        return version == 1 ? baseCollection : baseCollection + "_v" + version;
    }

    /**
     * The collection that answers reads and that the live processor writes. Readers ask a projection's
     * {@link VersionedCollection} instead of naming the projection here.
     */
    public String currentCollection(String projection, String baseCollection) {
        return collection(baseCollection, current.computeIfAbsent(projection, name -> find(name).current()));
    }

    ProjectionVersion find(String projection) {
        ProjectionVersion stored = mongo.findById(projection, ProjectionVersion.class, COLLECTION);
        return stored == null ? ProjectionVersion.first(projection) : stored;
    }

    void rebuildStarted(String projection, int version, Instant at) {
        mongo.upsert(query(where("_id").is(projection)), new Update()
                .setOnInsert("current", 1)
                .set("rebuilding", version).set("rebuildStartedAt", at)
                .set("processed", 0L).set("total", 0L), COLLECTION);
    }

    void progress(String projection, long processed, long total) {
        mongo.updateFirst(query(where("_id").is(projection)),
                new Update().set("processed", processed).set("total", total), COLLECTION);
    }

    /** Makes {@code version} the one answering reads; called while the live processor is stopped. */
    void switchedTo(String projection, int version) {
        mongo.updateFirst(query(where("_id").is(projection)), new Update()
                .set("current", version).unset("rebuilding").unset("rebuildStartedAt"), COLLECTION);
        current.put(projection, version);
    }
}
