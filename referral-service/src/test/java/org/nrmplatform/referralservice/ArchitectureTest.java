package org.nrmplatform.referralservice;

import com.tngtech.archunit.core.domain.JavaClasses;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nrmplatform.shared.testing.ArchitectureRules;
import org.nrmplatform.shared.domain.RuleViolation;

/** The layering of docs/architecture.md, checked on this service's classes. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = ArchitectureRules.classesOf("org.nrmplatform.referralservice");

    @Test
    void aggregatesAndDomainTypesKnowNeitherTransportNorStore() {
        ArchitectureRules.domainIsTransportFree(Set.of(RuleViolation.class)).check(CLASSES);
    }

    @Test
    void controllersArePackagePrivate() {
        ArchitectureRules.controllersArePackagePrivate().check(CLASSES);
    }
}
