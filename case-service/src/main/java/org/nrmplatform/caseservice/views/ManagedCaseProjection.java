package org.nrmplatform.caseservice.views;

import org.axonframework.config.ProcessingGroup;
import org.nrmplatform.caseservice.projections.ProjectionVersions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The case manager's view: the whole {@link CaseView}, because the case manager runs the case once it is
 * handed over (guardian, consents, reflection period, referrals, closure; docs/need-to-know.md).
 */
@Component
@ProcessingGroup(ManagedCaseProjection.NAME)
class ManagedCaseProjection extends HandledCaseProjection {

    static final String NAME = "managed-cases";
    static final String COLLECTION = "managed_cases";

    ManagedCaseProjection(MongoTemplate mongo, ProjectionVersions versions) {
        super(mongo, versions, COLLECTION, CaseView.class);
    }
}
