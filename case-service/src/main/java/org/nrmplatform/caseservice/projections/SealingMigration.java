package org.nrmplatform.caseservice.projections;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.bson.Document;
import org.nrmplatform.shared.privacy.ClearPersonalData;
import org.nrmplatform.shared.store.StoreProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Seals the personal data that case-service's projections hold in clear because they were built before personal
 * data was sealed (README, "Upgrading"): each projection holding some is rebuilt, while its current version keeps
 * answering, from the events through {@code ClearPersonalFields}, which seals every clear field with its subject's
 * key as it is read. No event is changed, so every stream's chain verifies as before. Runs by itself once the
 * service is ready unless {@code nrm.migration.seal-clear-personal-data} is {@code manual}; the operator's
 * {@code infra/nrm migrate} shows the same plan (its dry run) and starts it.
 */
@Component
public class SealingMigration {

    private static final Logger log = LoggerFactory.getLogger(SealingMigration.class);

    /** Where the service database remembers that nothing is left to seal, so that a start does not look again. */
    static final String MIGRATIONS = "migrations";
    private static final String NAME = "seal-clear-personal-data";

    private final MongoClient client;
    private final StoreProperties store;
    private final ProjectionRebuilds rebuilds;
    private final boolean automatic;

    SealingMigration(MongoClient client, StoreProperties store, ProjectionRebuilds rebuilds,
                     @Value("${nrm.migration.seal-clear-personal-data:automatic}") String mode) {
        this.client = client;
        this.store = store;
        this.rebuilds = rebuilds;
        if (!mode.equals("automatic") && !mode.equals("manual")) {
            throw new IllegalStateException("nrm.migration.seal-clear-personal-data is automatic or manual, not "
                    + mode);
        }
        this.automatic = mode.equals("automatic");
    }

    /**
     * What the store holds in clear and what sealing it takes.
     *
     * @param eventsInClear     events holding a personal field in clear, by type: they stay so (hashed)
     * @param cases             the data subjects of those fields
     * @param projections       the projections holding clear personal data: documents holding some, by projection
     * @param notRebuildable    the same for collections the migration cannot rebuild (a reset is needed)
     * @param rebuildsStarted   the rebuilds started by this call (empty for the dry run)
     */
    public record Plan(Map<String, Long> eventsInClear, int cases, Map<String, Long> projections,
                       Map<String, Long> notRebuildable, List<String> rebuildsStarted) {
    }

    /** The dry run: what a migration would do now. */
    public Plan plan() {
        return plan(false);
    }

    /** Starts the rebuild of every projection holding clear personal data (a running rebuild is left running). */
    public synchronized Plan migrate() {
        return plan(true);
    }

    private Plan plan(boolean start) {
        ClearPersonalData clear = ClearPersonalData.inEvents(client.getDatabase(store.eventDatabase()));
        Map<String, Long> projections = new TreeMap<>();
        Map<String, Long> notRebuildable = new TreeMap<>();
        List<String> started = new ArrayList<>();
        if (!clear.none()) {
            MongoDatabase service = client.getDatabase(store.serviceDatabase());
            for (ProjectionStatus status : rebuilds.statuses()) {
                if (status.collection() == null) {
                    continue; // not rebuildable: its collection is looked at below with the others
                }
                long holding = clear.documentsHoldingIt(service.getCollection(status.collection()));
                if (holding > 0) {
                    projections.put(status.name(), holding);
                    if (start && status.rebuild() == null) {
                        rebuilds.rebuild(status.name());
                        started.add(status.name());
                    }
                }
            }
            List<String> rebuildable = rebuilds.statuses().stream().map(ProjectionStatus::collection)
                    .filter(Objects::nonNull).toList();
            for (String collection : service.listCollectionNames()) {
                if (!rebuildable.contains(collection) && !collection.startsWith("system.")) {
                    long holding = clear.documentsHoldingIt(service.getCollection(collection));
                    if (holding > 0) {
                        notRebuildable.put(collection, holding);
                    }
                }
            }
        }
        return new Plan(clear.eventsByType(), clear.subjects().size(), projections, notRebuildable, started);
    }

    /** After {@link ProjectionRebuilds} has resumed the rebuilds a restart interrupted. */
    @EventListener(ApplicationReadyEvent.class)
    @Order(100)
    void migrateWhenReady() {
        MongoCollection<Document> migrations = client.getDatabase(store.serviceDatabase()).getCollection(MIGRATIONS);
        if (migrations.find(Filters.eq("_id", NAME)).first() != null) {
            return;
        }
        Plan plan = plan();
        if (plan.projections().isEmpty() && plan.notRebuildable().isEmpty()) {
            // every rebuild from now on reads the events through ClearPersonalFields: nothing can bring clear text back
            migrations.replaceOne(Filters.eq("_id", NAME), new Document("_id", NAME).append("doneAt", new Date())
                    .append("eventsInClear", plan.eventsInClear().values().stream().mapToLong(Long::longValue).sum())
                    .append("cases", plan.cases()), new ReplaceOptions().upsert(true));
            if (!plan.eventsInClear().isEmpty()) {
                log.info("{} events of {} cases recorded before personal data was sealed hold it in clear (they stay "
                        + "so: their hashes cover them); no projection does", plan.eventsInClear().values().stream()
                        .mapToLong(Long::longValue).sum(), plan.cases());
            }
            return;
        }
        if (!automatic) {
            log.warn("Projections hold personal data in clear ({}; not rebuildable: {}): run 'infra/nrm migrate' "
                    + "(nrm.migration.seal-clear-personal-data is manual)", plan.projections(), plan.notRebuildable());
            return;
        }
        Plan started = migrate();
        log.info("Sealing the personal data held in clear: rebuilding {}{}", started.rebuildsStarted(),
                started.notRebuildable().isEmpty() ? ""
                        : "; not rebuildable, reset needed: " + started.notRebuildable());
    }
}
