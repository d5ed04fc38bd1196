package org.nrmplatform.shared.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;
import org.axonframework.spring.stereotype.Aggregate;
import org.springframework.web.bind.annotation.RestController;

/**
 * The layering every service keeps (docs/architecture.md, "Layers"): the domain (aggregates and the types
 * named as domain types) knows neither its transport nor its store, and controllers are reached only
 * through HTTP, never called from another package.
 */
public final class ArchitectureRules {

    /**
     * What the domain may not depend on: any web package (Spring's and the platform's own, where the
     * mapping of refusals to statuses lives), HTTP, the servlet API, MongoDB.
     */
    public static final String[] TRANSPORT_AND_STORE = {"..web..", "org.springframework.http..",
            "jakarta.servlet..", "org.springframework.data.mongodb..", "com.mongodb.."};

    private ArchitectureRules() {
    }

    /** A service's own classes and the shared runtime's, without tests. */
    public static JavaClasses classesOf(String rootPackage) {
        // shared's test jar (these rules and their own test) is on a service's test classpath as a jar
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages(rootPackage, "org.nrmplatform.shared");
    }

    /**
     * Aggregates, their nested types, and the named domain types (for example the access rule and
     * {@code RuleViolation}) depend on no transport and no store.
     */
    public static ArchRule domainIsTransportFree(Set<Class<?>> domainTypes) {
        DescribedPredicate<JavaClass> domain = DescribedPredicate.describe("aggregates and domain types",
                type -> isDomain(type, domainTypes));
        return noClasses().that(domain).should().dependOnClassesThat().resideInAnyPackage(TRANSPORT_AND_STORE)
                .because("the domain is transport-free: the web layer maps its refusals to statuses and the views"
                        + " build the queries").allowEmptyShould(false);
    }

    /** Controllers are package-private: nothing calls them but the framework, from an HTTP request. */
    public static ArchRule controllersArePackagePrivate() {
        return classes().that().areAnnotatedWith(RestController.class).should().bePackagePrivate()
                .allowEmptyShould(false);
    }

    private static boolean isDomain(JavaClass type, Set<Class<?>> domainTypes) {
        for (JavaClass outer = type; outer != null; outer = outer.getEnclosingClass().orElse(null)) {
            if (outer.isAnnotatedWith(Aggregate.class) || domainTypes.stream().anyMatch(outer::isEquivalentTo)) {
                return true;
            }
        }
        return false;
    }
}
