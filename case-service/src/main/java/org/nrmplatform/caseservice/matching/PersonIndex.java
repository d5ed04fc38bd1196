package org.nrmplatform.caseservice.matching;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.nrmplatform.caseservice.projections.ProjectionVersions;
import org.nrmplatform.caseservice.projections.RebuildableProjection;
import org.nrmplatform.contracts.cases.CaseEvents.CaseClosed;
import org.nrmplatform.contracts.cases.CaseEvents.CaseOpened;
import org.nrmplatform.contracts.cases.CaseEvents.IdentificationDecided;
import org.nrmplatform.contracts.cases.CaseEvents.PossibleMatchDismissed;
import org.nrmplatform.contracts.cases.CaseEvents.PresumedVictimFlagged;
import org.nrmplatform.contracts.cases.CaseEvents.SamePersonLinked;
import org.nrmplatform.contracts.cases.CaseEvents.SubjectErased;
import org.nrmplatform.contracts.cases.CaseStage;
import org.nrmplatform.contracts.cases.IdentificationOutcome;
import org.nrmplatform.contracts.cases.SealedDataSubject;
import org.nrmplatform.contracts.privacy.PersonalField;
import org.nrmplatform.shared.privacy.PersonalData;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The blind index of persons, {@value IndexedPerson#COLLECTION} (rebuildable while serving, see
 * {@link ProjectionVersions}): one entry per case, derived when the case is opened. The names and date of birth
 * are opened here, only to be digested with the installation's key; nothing in clear is written. An erased
 * subject's entry is deleted, and a rebuild after an erasure finds its names erased and indexes nothing.
 * Updates set values or add to sets, so a repeated delivery changes nothing.
 */
@Component
@ProcessingGroup(PersonIndex.NAME)
@EnableConfigurationProperties(MatchingProperties.class)
class PersonIndex extends RebuildableProjection {

    static final String NAME = "person-index";

    private final MongoTemplate mongo;
    private final PersonalData personalData;
    private final BlindIndexKey key;
    /** Collections known to have their indexes (MongoDB uses them; the embedded store scans). */
    private final Set<String> indexed = ConcurrentHashMap.newKeySet();

    PersonIndex(MongoTemplate mongo, PersonalData personalData, ProjectionVersions versions,
                MatchingProperties properties) {
        super(mongo, versions, IndexedPerson.COLLECTION);
        this.mongo = mongo;
        this.personalData = personalData;
        this.key = new BlindIndexKey(properties.key());
    }

    @EventHandler
    void on(CaseOpened event, @Timestamp Instant at) {
        SealedDataSubject subject = event.dataSubject();
        PersonalData.Reading reading = personalData.reading();
        String given = reading.open(subject.givenName(), PersonalField.GIVEN_NAME);
        String family = reading.open(subject.familyName(), PersonalField.FAMILY_NAME);
        String born = reading.open(subject.dateOfBirth(), PersonalField.DATE_OF_BIRTH);
        if (reading.erased()) {
            return; // replayed after the erasure: the person is no longer known
        }
        BlindIndex index = BlindIndex.of(key, given, family, born == null ? null : java.time.LocalDate.parse(born),
                subject.sex(), subject.citizenship());
        String target = target();
        ensureIndexes(target);
        mongo.upsert(query(where("_id").is(event.caseId().toString())), new Update().set("index", index)
                .set("openingOrganisationId", event.openingOrganisationId())
                .setOnInsert("stage", CaseStage.POTENTIAL_VICTIM).set("openedAt", at), target);
    }

    @EventHandler
    void on(PresumedVictimFlagged event) {
        change(event.caseId(), new Update().set("stage", CaseStage.PRESUMED_VICTIM)
                .set("responsibleOrganisationId", event.responsibleOrganisationId()));
    }

    @EventHandler
    void on(IdentificationDecided event) {
        change(event.caseId(), new Update().set("stage", event.outcome() == IdentificationOutcome.IDENTIFIED
                ? CaseStage.IDENTIFIED_VICTIM : CaseStage.NOT_IDENTIFIED));
    }

    @EventHandler
    void on(CaseClosed event, @Timestamp Instant at) {
        change(event.caseId(), new Update().set("closedAt", at));
    }

    @EventHandler
    void on(SamePersonLinked event) {
        change(event.caseId(), new Update().addToSet("linked", event.otherCaseId().toString()));
    }

    @EventHandler
    void on(PossibleMatchDismissed event) {
        change(event.caseId(), new Update().addToSet("dismissed", event.otherCaseId().toString()));
    }

    /** The erased person leaves the index: nothing of them is compared any more. */
    @EventHandler
    void on(SubjectErased event) {
        mongo.remove(query(where("_id").is(event.caseId().toString())), target());
    }

    /** Only entries that exist: an erased case is not brought back by its later events. */
    private void change(UUID caseId, Update update) {
        mongo.updateFirst(query(where("_id").is(caseId.toString())), update, target());
    }

    private void ensureIndexes(String target) {
        if (indexed.add(target)) {
            for (String field : List.of("index.familyNames", "index.givenNames", "index.familySounds",
                    "index.birthDate")) {
                mongo.indexOps(target).createIndex(new Index().on(field, Sort.Direction.ASC));
            }
        }
    }

    @Override
    protected void dropped(String target) {
        indexed.remove(target);
    }

    /** The case's entry now serving; empty when the case is unknown, erased or not indexed yet. */
    Optional<IndexedPerson> entryOf(UUID caseId) {
        return Optional.ofNullable(mongo.findById(caseId.toString(), IndexedPerson.class, collection().current()));
    }
}
