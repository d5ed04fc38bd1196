package org.nrmplatform.referralservice.knowncases;

import java.util.Optional;
import java.util.UUID;
import org.nrmplatform.shared.security.Actor;
import org.nrmplatform.shared.domain.RuleViolation;
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

    /**
     * The case, if it is open and the actor may refer it. An unknown case and one the actor may not refer
     * get the same answer, so that the refusal does not reveal that a case exists.
     */
    public CaseState openCaseReferableBy(UUID caseId, Actor actor) {
        CaseState state = find(caseId).filter(found -> found.mayBeReferredBy(actor))
                .orElseThrow(() -> RuleViolation.ruleNotMet("caseId", "no case " + caseId
                        + " that you may refer is known to referral-service; if it was opened moments ago, retry"));
        if (state.closed()) {
            throw RuleViolation.stateDoesNotAllow("case " + caseId + " is closed");
        }
        return state;
    }
}
