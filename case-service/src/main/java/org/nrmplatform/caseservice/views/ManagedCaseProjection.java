package org.nrmplatform.caseservice.views;

import java.util.function.Supplier;
import org.axonframework.config.ProcessingGroup;
import org.nrmplatform.caseservice.projections.ProjectionVersions;
import org.springframework.beans.factory.annotation.Autowired;
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

    @Autowired
    ManagedCaseProjection(MongoTemplate mongo, ProjectionVersions versions) {
        this(mongo, () -> versions.currentCollection(NAME, COLLECTION));
    }

    private ManagedCaseProjection(MongoTemplate mongo, Supplier<String> collection) {
        super(mongo, collection, CaseView.class);
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
        return new ManagedCaseProjection(mongo(), () -> target);
    }
}
