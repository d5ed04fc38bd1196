package org.nrmplatform.caseservice.views;

import java.util.function.Supplier;
import org.axonframework.config.ProcessingGroup;
import org.nrmplatform.caseservice.projections.ProjectionVersions;
import org.springframework.beans.factory.annotation.Autowired;
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

    @Autowired
    IdentificationCaseProjection(MongoTemplate mongo, ProjectionVersions versions) {
        this(mongo, () -> versions.currentCollection(NAME, COLLECTION));
    }

    private IdentificationCaseProjection(MongoTemplate mongo, Supplier<String> collection) {
        super(mongo, collection, CaseView.IdentificationCase.class);
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
        return new IdentificationCaseProjection(mongo(), () -> target);
    }
}
