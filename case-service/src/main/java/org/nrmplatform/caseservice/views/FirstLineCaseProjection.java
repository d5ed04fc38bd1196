package org.nrmplatform.caseservice.views;

import org.axonframework.config.ProcessingGroup;
import org.nrmplatform.caseservice.projections.ProjectionVersions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The first-line professional's view: the fields of {@link CaseView.FirstLineCase} (see
 * {@link CaseView#forFirstLine()} and docs/need-to-know.md), nothing else.
 */
@Component
@ProcessingGroup(FirstLineCaseProjection.NAME)
class FirstLineCaseProjection extends HandledCaseProjection {

    static final String NAME = "first-line-cases";
    static final String COLLECTION = "first_line_cases";

    FirstLineCaseProjection(MongoTemplate mongo, ProjectionVersions versions) {
        super(mongo, versions, COLLECTION, CaseView.FirstLineCase.class);
    }
}
