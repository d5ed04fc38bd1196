package org.nrmplatform.referralservice.knowncases;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.nrmplatform.contracts.cases.CaseEvents.CaseClosed;
import org.nrmplatform.contracts.cases.CaseEvents.CaseOpened;
import org.nrmplatform.contracts.cases.CaseEvents.ConsentGiven;
import org.nrmplatform.contracts.cases.CaseEvents.ConsentWithdrawn;
import org.nrmplatform.contracts.cases.CaseEvents.PresumedVictimFlagged;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Keeps {@value CaseState#COLLECTION} up to date from the case events on the shared stream; referral-service
 * never calls case-service. An update applies only to an older state, so a redelivered event changes nothing.
 */
@Component
@ProcessingGroup(CaseStateProjection.PROCESSING_GROUP)
class CaseStateProjection {

    static final String PROCESSING_GROUP = "case-states";

    private final MongoTemplate mongo;

    CaseStateProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventHandler
    void on(CaseOpened event, @SequenceNumber long sequence) {
        try {
            mongo.insert(new CaseState(event.caseId().toString(), sequence, false,
                    event.dataSubject().ageCategory(), event.openingOrganisationId(), null, Map.of()),
                    CaseState.COLLECTION);
        } catch (DuplicateKeyException alreadyProjected) {
            // a repeated delivery: the state exists already
        }
    }

    @EventHandler
    void on(PresumedVictimFlagged event, @SequenceNumber long sequence) {
        apply(event.caseId().toString(), sequence,
                new Update().set("responsibleOrganisationId", event.responsibleOrganisationId()));
    }

    @EventHandler
    void on(ConsentGiven event, @SequenceNumber long sequence) {
        apply(event.caseId().toString(), sequence, new Update().set("consents." + event.consentId(),
                new CaseState.Consent(event.purposes(), event.serviceTypes(),
                        event.recipientOrganisationId() == null ? "" : event.recipientOrganisationId(), true)));
    }

    @EventHandler
    void on(ConsentWithdrawn event, @SequenceNumber long sequence) {
        apply(event.caseId().toString(), sequence,
                new Update().set("consents." + event.consentId() + ".active", false));
    }

    @EventHandler
    void on(CaseClosed event, @SequenceNumber long sequence) {
        apply(event.caseId().toString(), sequence, new Update().set("closed", true));
    }

    private void apply(String caseId, long sequence, Update update) {
        mongo.updateFirst(query(where("_id").is(caseId).and("version").lt(sequence)),
                update.set("version", sequence), CaseState.COLLECTION);
    }

    @ResetHandler
    void reset() {
        mongo.dropCollection(CaseState.COLLECTION);
    }
}
