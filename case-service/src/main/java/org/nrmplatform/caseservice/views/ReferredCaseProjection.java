package org.nrmplatform.caseservice.views;

import org.axonframework.config.ProcessingGroup;
import org.nrmplatform.caseservice.projections.ProjectionVersions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The service provider's view (docs/need-to-know.md): per case only what a provider needs to receive and
 * care for the person ({@link CaseView.ReferredCase}: stage, closed, data subject, guardian, reflection
 * period, erased) and the active referrals that decide which provider may see it. Screening, indicators,
 * grounds, the identification decision, consents, the opening and responsible organisations, the closure
 * and the case's version are never written here, so a provider's read cannot reveal them. The values are
 * the case's one fold, {@link org.nrmplatform.caseservice.cases.CaseFile}, as in the handling views.
 */
@Component
@ProcessingGroup(ReferredCaseProjection.NAME)
class ReferredCaseProjection extends HandledCaseProjection {

    static final String NAME = "referred-cases";
    static final String COLLECTION = "referred_cases";

    ReferredCaseProjection(MongoTemplate mongo, ProjectionVersions versions) {
        super(mongo, versions, COLLECTION, CaseView.ReferredCase.class, ACTIVE_REFERRALS);
    }
}
