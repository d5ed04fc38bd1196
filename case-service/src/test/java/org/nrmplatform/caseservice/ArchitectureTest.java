package org.nrmplatform.caseservice;

import com.tngtech.archunit.core.domain.JavaClasses;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nrmplatform.caseservice.cases.CaseAccess;
import org.nrmplatform.shared.testing.ArchitectureRules;
import org.nrmplatform.shared.domain.RuleViolation;

/** The layering of docs/architecture.md, checked on this service's classes. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = ArchitectureRules.classesOf("org.nrmplatform.caseservice");

    @Test
    void aggregatesAndDomainTypesKnowNeitherTransportNorStore() {
        ArchitectureRules.domainIsTransportFree(Set.of(CaseAccess.class, RuleViolation.class)).check(CLASSES);
    }

    @Test
    void controllersArePackagePrivate() {
        ArchitectureRules.controllersArePackagePrivate().check(CLASSES);
    }
}
