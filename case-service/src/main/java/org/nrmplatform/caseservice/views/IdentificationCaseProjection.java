package org.nrmplatform.caseservice.views;

import org.axonframework.config.ProcessingGroup;
import org.nrmplatform.caseservice.projections.ProjectionVersions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The identification authority's view: the fields of {@link CaseView.IdentificationCase} (see
 * {@link CaseView#forIdentificationAuthority()} and docs/need-to-know.md), nothing else.
 */
@Component
@ProcessingGroup(IdentificationCaseProjection.NAME)
class IdentificationCaseProjection extends HandledCaseProjection {

    static final String NAME = "identification-cases";
    static final String COLLECTION = "identification_cases";

    IdentificationCaseProjection(MongoTemplate mongo, ProjectionVersions versions) {
        super(mongo, versions, COLLECTION, CaseView.IdentificationCase.class);
    }
}
