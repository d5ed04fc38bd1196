package org.nrmplatform.caseservice.views;

import java.util.function.Supplier;
import org.axonframework.config.ProcessingGroup;
import org.nrmplatform.caseservice.projections.ProjectionVersions;
import org.springframework.beans.factory.annotation.Autowired;
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

    @Autowired
    FirstLineCaseProjection(MongoTemplate mongo, ProjectionVersions versions) {
        this(mongo, () -> versions.currentCollection(NAME, COLLECTION));
    }

    private FirstLineCaseProjection(MongoTemplate mongo, Supplier<String> collection) {
        super(mongo, collection, CaseView.FirstLineCase.class);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String baseCollection() {
        return COLLECTION;
    }

    @Override
    public Object handlerFor(String target) {
        return new FirstLineCaseProjection(mongo(), () -> target);
    }
}
