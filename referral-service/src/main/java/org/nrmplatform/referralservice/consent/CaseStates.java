package org.nrmplatform.referralservice.consent;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** Reads what referral-service knows of cases (eventually consistent with case-service). */
@Component
public class CaseStates {

    private final MongoTemplate mongo;

    public CaseStates(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Optional<CaseState> find(UUID caseId) {
        return Optional.ofNullable(mongo.findById(caseId.toString(), CaseState.class, CaseState.COLLECTION));
    }
}
