package org.nrmplatform.shared.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.util.Set;
import org.axonframework.spring.stereotype.Aggregate;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RestController;

/** The rules each service checks do refuse what they name, and pass what keeps to them. */
class ArchitectureRulesTest {

    @Aggregate
    static class AggregateThatKnowsHttp {
        HttpStatus refuse() {
            return HttpStatus.CONFLICT;
        }
    }

    @Aggregate
    static class TransportFreeAggregate {
        String refuse() {
            return "closed";
        }
    }

    @RestController
    public static class PublicController {
    }

    @RestController
    static class PackagePrivateController {
    }

    @Test
    void anAggregateThatUsesHttpTypesBreaksTheDomainRule() {
        JavaClasses classes = new ClassFileImporter().importClasses(AggregateThatKnowsHttp.class,
                TransportFreeAggregate.class);
        assertThat(ArchitectureRules.domainIsTransportFree(Set.of()).evaluate(classes).getFailureReport().getDetails())
                .isNotEmpty().allMatch(line -> line.contains("AggregateThatKnowsHttp"));
    }

    @Test
    void aTransportFreeAggregateKeepsTheDomainRule() {
        JavaClasses classes = new ClassFileImporter().importClasses(TransportFreeAggregate.class);
        assertThat(ArchitectureRules.domainIsTransportFree(Set.of()).evaluate(classes).hasViolation()).isFalse();
    }

    @Test
    void aPublicControllerBreaksTheControllerRule() {
        JavaClasses classes = new ClassFileImporter().importClasses(PublicController.class,
                PackagePrivateController.class);
        assertThat(ArchitectureRules.controllersArePackagePrivate().evaluate(classes).getFailureReport().getDetails())
                .hasSize(1).allMatch(line -> line.contains("PublicController"));
    }
}
